using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Reading;

public sealed class HeaderAndValueTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("CustomerId", "CustomerId")]
    [InlineData("Customer ID", "CustomerId")]
    [InlineData("customer_id", "CustomerId")]
    [InlineData("CUSTOMER-ID", "CustomerId")]
    [InlineData("CustomerTenantId", "CustomerId")]
    [InlineData("Tenant Id", "CustomerId")]
    [InlineData("Offer ID", "OfferId")]
    [InlineData("Qty", "Quantity")]
    [InlineData("Seats", "Quantity")]
    [InlineData("Billing Cycle", "BillingCycle")]
    [InlineData("Friendly Name", "FriendlyName")]
    [InlineData("Parent Subscription Id", "ParentSubscriptionId")]
    [InlineData("Order ID", "OrderId")]
    [InlineData("term_duration", "TermDuration")]
    [InlineData("Promotion Id", "PromotionId")]
    [InlineData("MPN ID", "PartnerIdOnRecord")]
    [InlineData("Order Group", "OrderGroup")]
    public void Header_names_match_ignoring_case_spaces_underscores_and_hyphens(string header, string column) =>
        Assert.Equal(column, InputColumns.FindByHeader(header)?.Column.ToString());

    [Theory]
    [InlineData("Customer")]
    [InlineData("Offer")]
    [InlineData("Notes")]
    [InlineData("Name")]
    public void Ambiguous_or_unknown_headers_are_not_taken_for_known_columns(string header) =>
        Assert.Null(InputColumns.FindByHeader(header));

    [Fact]
    public void Column_catalogue_is_in_enum_order() =>
        Assert.Equal(Enum.GetValues<InputColumn>(), InputColumns.All.Select(c => c.Column));

    [Theory]
    [InlineData("Monthly", "monthly")]
    [InlineData("ANNUAL", "annual")]
    [InlineData("none", "none")]
    [InlineData("OneTime", "one_time")]
    [InlineData("one-time", "one_time")]
    [InlineData("One Time", "one_time")]
    [InlineData("triennial", "triennial")]
    [InlineData("Biennial", "biennial")]
    public void Billing_cycles_normalise_to_wire_values(string typed, string wire)
    {
        Assert.True(BillingCycles.TryParse(typed, out var cycle));
        Assert.Equal(wire, cycle.ToWireValue());
    }

    [Fact]
    public void Ids_are_normalised_guids_in_lower_case_and_catalog_ids_in_upper_case()
    {
        var path = _folder.WriteText("ids.csv", Rows.Csv(
            "CustomerId,OfferId,Quantity,ParentSubscriptionId,OrderId,TermDuration,PartnerIdOnRecord,PromotionId,OrderGroup",
            $"{{{Rows.Customer.ToUpperInvariant()}}},{Rows.MyAnalytics.ToUpperInvariant()},3,{Rows.Subscription.Replace("-", string.Empty, StringComparison.Ordinal)},{Rows.ExistingOrder},p1y,1234567,PROMO:1,wave-1",
            $"{Rows.Customer},{Rows.CatalogId.ToLowerInvariant()},1,,,P1M,,,"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        var addOn = result.Rows[0];
        Assert.Equal(Rows.Customer, addOn.CustomerId);
        Assert.Equal(Rows.MyAnalytics, addOn.OfferId);
        Assert.Equal(Rows.Subscription, addOn.ParentSubscriptionId);
        Assert.Equal(Rows.ExistingOrder, addOn.OrderId);
        Assert.Equal("P1Y", addOn.TermDuration);
        Assert.Equal(("1234567", "PROMO:1", "wave-1"), (addOn.PartnerIdOnRecord, addOn.PromotionId, addOn.OrderGroup));
        Assert.True(addOn.IsAddOn);
        Assert.Equal(Rows.CatalogId, result.Rows[1].OfferId);
        Assert.False(result.Rows[1].IsAddOn);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("5.0", 5)]
    [InlineData("5,0", 5)]
    [InlineData("12.00", 12)]
    [InlineData("1000", 1000)]
    [InlineData("007", 7)]
    public void Whole_quantities_are_accepted_in_the_forms_spreadsheets_write(string typed, int quantity)
    {
        var path = _folder.WriteText("qty.csv", Rows.Csv("CustomerId;OfferId;Quantity", $"{Rows.Customer};{Rows.E3};{typed}"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal(quantity, result.Rows[0].Quantity);
    }

    [Fact]
    public void Blank_billing_cycle_means_the_orders_default()
    {
        var path = _folder.WriteText("blank-cycle.csv", Rows.Csv("CustomerId,OfferId,Quantity,BillingCycle", $"{Rows.Customer},{Rows.E3},1,"));

        var result = SpreadsheetReader.Read(path);

        Assert.Null(result.Rows[0].BillingCycle);
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_not_just_the_first()
    {
        var path = _folder.WriteText("many.csv", Rows.Csv("CustomerId,OfferId,Quantity,BillingCycle", "x,y,z,w"));

        var result = SpreadsheetReader.Read(path);

        Assert.Equal(["CustomerId", "OfferId", "Quantity", "BillingCycle"], result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal(2, e.Row));
        Assert.Empty(result.Rows);
        Assert.Equal(1, result.DataRowCount);
    }
}
