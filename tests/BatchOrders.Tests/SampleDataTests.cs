using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests;

public sealed class SampleDataTests
{
    [Fact]
    public void Migration_day_is_about_200_rows_for_about_60_customers_mostly_new_commerce_monthly_and_annual_with_add_ons_of_both_kinds()
    {
        var result = SpreadsheetReader.Read(RepositoryFiles.Get("sample-data", "migration-day.xlsx"));

        Assert.True(result.IsValid, Reading.CsvReadingTests.Describe(result));
        Assert.InRange(result.Rows.Count, 180, 220);
        Assert.InRange(result.Rows.Select(r => r.CustomerId).Distinct().Count(), 55, 65);
        Assert.InRange(result.Rows.Count(IsNewCommerce), result.Rows.Count * 3 / 4, result.Rows.Count - 10);
        Assert.All(result.Rows.Where(IsNewCommerce), r => Assert.NotNull(r.TermDuration));
        Assert.Contains(result.Rows, r => r.BillingCycle == BillingCycle.Monthly);
        Assert.Contains(result.Rows, r => r.BillingCycle == BillingCycle.Annual);
        Assert.Contains(result.Rows, r => r.ParentSubscriptionId is not null && IsNewCommerce(r));
        Assert.Contains(result.Rows, r => r.IsAddOn && !IsNewCommerce(r));
        Assert.Contains("Customer Name", result.Headers);
        Assert.Empty(OrderPlanner.Plan(result.File, result.Rows).Errors);
        Assert.Empty(OrderPlanner.Plan(result.File, result.Rows).AwaitingPreflight);
    }

    [Fact]
    public void Finance_upload_is_a_semicolon_csv_of_about_30_rows_as_european_excel_saves_it()
    {
        var path = RepositoryFiles.Get("sample-data", "finance-upload.csv");
        var bytes = File.ReadAllBytes(path);

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Reading.CsvReadingTests.Describe(result));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains(";", File.ReadLines(path).First(), StringComparison.Ordinal);
        Assert.InRange(result.Rows.Count, 25, 35);
        Assert.InRange(result.Rows.Count(IsNewCommerce), result.Rows.Count * 3 / 4, result.Rows.Count - 1);
        Assert.Contains(result.Rows, r => r.FriendlyName!.Contains("Müller", StringComparison.Ordinal));
    }

    [Fact]
    public void Addons_are_new_commerce_and_legacy_add_ons_for_subscriptions_the_sandbox_knows()
    {
        var result = SpreadsheetReader.Read(RepositoryFiles.Get("sample-data", "addons.csv"));
        var catalog = File.ReadAllText(RepositoryFiles.Get("src", "BatchOrders.Sandbox", "Catalog", "seed-catalog.json"));

        Assert.True(result.IsValid, Reading.CsvReadingTests.Describe(result));
        Assert.All(result.Rows, r =>
        {
            Assert.NotNull(r.ParentSubscriptionId);
            Assert.Contains(r.ParentSubscriptionId, catalog, StringComparison.Ordinal);
            Assert.True(r.OrderId is null || catalog.Contains(r.OrderId, StringComparison.Ordinal), r.OrderId);
        });
        Assert.Contains(result.Rows, r => IsNewCommerce(r) && r.OrderId is null);
        Assert.Contains(result.Rows, r => !IsNewCommerce(r) && r.OrderId is not null);
        Assert.Contains(result.Rows, r => !IsNewCommerce(r) && r.OrderId is null);
    }

    [Fact]
    public void With_errors_shows_a_problem_on_every_row_but_the_first()
    {
        var path = RepositoryFiles.Get("sample-data", "with-errors.csv");

        var result = SpreadsheetReader.Read(path);
        var plan = OrderPlanner.Plan(path, result.Rows);

        Assert.Null(result.Problem);
        Assert.Equal(Enumerable.Range(3, 12), result.Errors.Concat(plan.Errors).Select(e => e.Row!.Value).Distinct().Order());
    }

    private static bool IsNewCommerce(OrderRow row) => row.OfferId.Contains(':', StringComparison.Ordinal);
}
