using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Reading;

/// <summary>Valid rows are kept compactly and made into <see cref="OrderRow"/>s when read: the same values every time.</summary>
public sealed class StoredRowsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Rows_read_back_with_every_value_and_cell_as_written_the_same_on_every_read()
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(
            "CustomerId,OfferId,Quantity,BillingCycle,FriendlyName,ParentSubscriptionId,OrderId,TermDuration,PromotionId,PartnerIdOnRecord,OrderGroup,Notes",
            $"{Rows.Customer.ToUpperInvariant()},{Rows.CatalogId.ToLowerInvariant()},3,annual,Bäckerei,,,p1y,PROMO1,1234567,wave-1,\"a, b\",extra",
            $"{Rows.Customer},{Rows.MyAnalytics},1,Monthly,,{Rows.Subscription},{Rows.ExistingOrder},,,,"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        var first = result.Rows[0];
        Assert.Equal(
            (Rows.Customer, Rows.CatalogId, 3, (BillingCycle?)BillingCycle.Annual, "Bäckerei", (string?)null, (string?)null, "P1Y", "PROMO1", "1234567", "wave-1"),
            (first.CustomerId, first.OfferId, first.Quantity, first.BillingCycle, first.FriendlyName, first.ParentSubscriptionId, first.OrderId,
             first.TermDuration, first.PromotionId, first.PartnerIdOnRecord, first.OrderGroup));

        // The cells as read, one per header: the cell past the last header is not one of them.
        Assert.Equal(
            [Rows.Customer.ToUpperInvariant(), Rows.CatalogId.ToLowerInvariant(), "3", "annual", "Bäckerei", "", "", "p1y", "PROMO1", "1234567", "wave-1", "a, b"],
            first.Cells);
        var addOn = result.Rows[1];
        Assert.Equal((Rows.Subscription, Rows.ExistingOrder, (string?)null, true), (addOn.ParentSubscriptionId, addOn.OrderId, addOn.FriendlyName, addOn.IsAddOn));
        Assert.Equal(12, addOn.Cells.Count);
        Assert.Equal(string.Empty, addOn.Cells[11]);
        Assert.Equal(result.Rows[0], result.Rows[0]);
        Assert.NotEqual(result.Rows[0], result.Rows[1]);
        Assert.Equal([2, 3], result.Rows.Select(r => r.Location.Row));
    }

    [Fact]
    public void A_cell_longer_than_Excel_allows_is_kept_whole_when_the_limit_is_raised()
    {
        var note = new string('x', 70_000) + "end";
        var path = _folder.WriteText("long.csv", Rows.Csv("CustomerId,OfferId,Quantity,Notes", $"{Rows.Customer},{Rows.E3},1,{note}"));

        var result = SpreadsheetReader.Read(path, new ReadOptions { MaxCellLength = 100_000 });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(note, result.Rows[0].Cells[3]);
        Assert.Equal(Rows.E3, result.Rows[0].OfferId);
    }

    [Fact]
    public void Planning_rows_a_caller_made_gives_back_those_row_objects()
    {
        OrderRow[] rows =
        [
            new(new RowLocation("Sheet1", 2), Rows.Customer, Rows.E3, 1, BillingCycle.Monthly, string.Empty, null, null, null, null, null, null, ["a"]),
            new(new RowLocation("Sheet1", 3), Rows.Customer, Rows.E1, 2, BillingCycle.Monthly, "Name", null, null, null, null, null, null, ["b"]),
        ];

        var plan = OrderPlanner.Plan("orders.xlsx", rows);

        var order = Assert.Single(plan.Orders);
        Assert.Same(rows[0], order.LineItems[0].Row);
        Assert.Same(rows[1], order.LineItems[1].Row);
    }
}
