using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Reading;

/// <summary>
/// An order sheet saved as .xls or .xlsb is submitted like the same sheet saved as .xlsx: the CLI against the
/// embedded sandbox, then the sandbox's ledger of created orders compared.
/// </summary>
public sealed class WorkbookSubmitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("xls")]
    [InlineData("xlsb")]
    public async Task A_binary_workbook_submits_the_same_orders_as_the_xlsx(string format)
    {
        var xlsx = OrderWorkbooks.Xlsx(_folder, "orders.xlsx");
        var other = format == "xls" ? OrderWorkbooks.Xls(_folder, "orders.xls") : OrderWorkbooks.Xlsb(_folder, "orders.xlsb");

        // The orders path for all: the sheet's new-commerce row has no term, which a cart would refuse; this test is about reading.
        var (xlsxExit, xlsxOutput) = await CliRunner.RunAsync("submit", xlsx, "--no-preflight", "--sheet", "Orders", "--path", "order");
        var (otherExit, otherOutput) = await CliRunner.RunAsync("submit", other, "--no-preflight", "--sheet", "Orders", "--path", "order");

        Assert.True(xlsxExit == 0, xlsxOutput);
        Assert.True(otherExit == 0, otherOutput);
        Assert.Contains("This run: 2 succeeded", otherOutput, StringComparison.Ordinal);
        Assert.Equal(await LedgerAsync(xlsx), await LedgerAsync(other));
        Assert.True(File.Exists(other + ".results.xlsx"));
    }

    /// <summary>What the sandbox created for the file's journal: customer, billing cycle and line items of each order.</summary>
    private static async Task<List<string>> LedgerAsync(string input)
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.StatePath = input + ".journal.sandbox.db");
        var ledger = await sandbox.LedgerAsync();
        return [.. ledger
            .Select(o => $"{o.Kind} {o.CustomerId} {o.BillingCycle}: {string.Join(", ", o.LineItems.Select(l => $"{l.OfferId} x{l.Quantity}"))}")
            .Order(StringComparer.Ordinal)];
    }
}
