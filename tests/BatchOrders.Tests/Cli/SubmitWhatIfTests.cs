using System.Text.Json;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Cli;

public sealed class SubmitWhatIfTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task What_if_on_a_valid_file_prints_the_plan_and_exits_0()
    {
        var (exitCode, output) = await CliRunner.RunAsync("submit", _folder.CopySample("migration-day.xlsx"), "--what-if");

        Assert.Equal(0, exitCode);
        Assert.Contains("196 rows, all valid", output, StringComparison.Ordinal);
        Assert.Contains("Plan: 60 customers, 109 orders (10 adding add-ons to existing orders), 196 line items", output, StringComparison.Ordinal);
        Assert.Contains("Quantity per offer", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_if_json_is_one_object_with_exactly_the_documented_names()
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(
            "CustomerId,OfferId,Quantity,BillingCycle,FriendlyName,ParentSubscriptionId,OrderId",
            $"{Rows.Customer},{Rows.E3},5,Monthly,Sales,,",
            $"{Rows.Customer},{Rows.MyAnalytics},2,Monthly,,{Rows.Subscription},{Rows.ExistingOrder}",
            $"{Rows.Customer},{Rows.CatalogId},3,Monthly,,,"));

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--what-if", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["file", "rows", "exitCode", "orders", "errors", "warnings", "preflight"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(path, root.GetProperty("file").GetString());
        Assert.Equal(3, root.GetProperty("rows").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        var orders = root.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(3, orders.Count);
        Assert.Equal(["customerId", "billingCycle", "orderId", "orderKey", "path", "lineItems"], orders[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["order", "cart", "order"], orders.Select(o => o.GetProperty("path").GetString()));
        Assert.Equal("monthly", orders[0].GetProperty("billingCycle").GetString());
        Assert.Equal(JsonValueKind.Null, orders[0].GetProperty("orderId").ValueKind);
        Assert.Equal(Rows.ExistingOrder, orders[2].GetProperty("orderId").GetString());
        var item = orders[2].GetProperty("lineItems")[0];
        Assert.Equal(["lineItemNumber", "offerId", "quantity", "friendlyName", "parentSubscriptionId", "row"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal((0, Rows.MyAnalytics, 2, Rows.Subscription, 3),
            (item.GetProperty("lineItemNumber").GetInt32(), item.GetProperty("offerId").GetString(), item.GetProperty("quantity").GetInt32(),
             item.GetProperty("parentSubscriptionId").GetString(), item.GetProperty("row").GetInt32()));
    }

    [Fact]
    public async Task What_if_json_lists_every_row_error_with_its_place_and_exits_2()
    {
        var (exitCode, output) = await CliRunner.RunAsync("submit", _folder.CopySample("with-errors.csv"), "--what-if", "--json");

        Assert.Equal(2, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("orders").GetArrayLength());
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(12, errors.Count);
        Assert.Equal(["sheet", "row", "column", "value", "message"], errors[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(Enumerable.Range(3, 12), errors.Select(e => e.GetProperty("row").GetInt32()));
        var duplicate = errors.Single(e => e.GetProperty("row").GetInt32() == 13);
        Assert.Equal("OfferId", duplicate.GetProperty("column").GetString());
    }

    [Fact]
    public async Task A_file_problem_in_json_is_one_error_without_a_place()
    {
        var (exitCode, output) = await CliRunner.RunAsync("submit", _folder.File("missing.xlsx"), "--what-if", "--json");

        Assert.Equal(2, exitCode);
        using var json = JsonDocument.Parse(output);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("row").ValueKind);
        Assert.Contains("was not found", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_shown_as_a_table_naming_row_column_and_value()
    {
        var (exitCode, output) = await CliRunner.RunAsync("submit", _folder.CopySample("with-errors.csv"), "--what-if");

        Assert.Equal(2, exitCode);
        Assert.Contains("12 problems in 12 rows of with-errors.csv", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", output, StringComparison.Ordinal);
        Assert.Contains("Quarterly", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_gives_one_plain_message_and_exit_2()
    {
        var path = _folder.WriteText("orders.xlsx", "CustomerId,OfferId,Quantity\n");

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--what-if");

        Assert.Equal(2, exitCode);
        Assert.Contains("looks like a CSV file that was renamed", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at BatchOrders", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("submit", "x.csv", "--bogus")]
    [InlineData("submit", "x.csv", "--max-line-items", "0")]
    [InlineData("template", "--format", "pdf", "--output", "x.pdf")]
    [InlineData("frobnicate")]
    public async Task Wrong_arguments_exit_2_with_a_plain_message(params string[] args)
    {
        var (exitCode, output) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("batchorders --help", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Spectre", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sheet_option_reads_the_named_sheet()
    {
        var path = _folder.WriteBytes("two.xlsx", new RawXlsx()
            .Sheet("Notes", ["nothing here"])
            .Sheet("Orders", ["CustomerId", "OfferId", "Quantity"], [Rows.Customer, Rows.E3, "1"]).ToBytes());

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--what-if", "--sheet", "Orders");

        Assert.Equal(0, exitCode);
        Assert.Contains("sheet Orders: 1 row, all valid", output, StringComparison.Ordinal);
    }
}
