using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.Tests.Results;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;

namespace BatchOrders.Tests.Cli;

public sealed class ReportAndStatusTests : IDisposable
{
    private readonly ResultsFixture _batch = new();

    public void Dispose() => _batch.Dispose();

    private string JournalPath => _batch.Journal.Path;

    [Fact]
    public async Task Status_json_is_one_object_with_states_customers_and_last_errors()
    {
        var (exitCode, output) = await CliRunner.RunAsync("status", JournalPath, "--json");

        // One order is still pending: status says so in its exit code, so a script can wait on it.
        Assert.Equal(3, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("sandbox", root.GetProperty("target").GetString());
        Assert.Equal(_batch.InputPath, root.GetProperty("input").GetString());
        Assert.Equal((1, 1, 1), (root.GetProperty("orders").GetProperty("succeeded").GetInt32(), root.GetProperty("orders").GetProperty("failed").GetInt32(), root.GetProperty("orders").GetProperty("pending").GetInt32()));
        Assert.Equal((2, 4), (root.GetProperty("rows").GetProperty("succeeded").GetInt32(), root.GetProperty("totalRows").GetInt32()));
        Assert.Equal(3, root.GetProperty("customers").GetArrayLength());
        var error = root.GetProperty("lastErrors")[0];
        Assert.Equal(("2002", 400, Rows.OtherCustomer), (error.GetProperty("errorCode").GetString(), error.GetProperty("httpStatus").GetInt32(), error.GetProperty("customerId").GetString()));
        Assert.Equal(1, root.GetProperty("runs").GetArrayLength());
        Assert.Equal(BatchOrdersVersion.Current, root.GetProperty("runs")[0].GetProperty("version").GetString());
        Assert.StartsWith("batchorders submit", root.GetProperty("resume").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_shows_the_target_states_customers_and_last_errors_as_tables()
    {
        var (exitCode, output) = await CliRunner.RunAsync("status", JournalPath);

        Assert.Equal(3, exitCode);
        Assert.Contains("SANDBOX — nothing was ordered", output, StringComparison.Ordinal);
        Assert.Contains("Customers", output, StringComparison.Ordinal);
        Assert.Contains(Rows.OtherCustomer, output, StringComparison.Ordinal);
        Assert.Contains("Last errors", output, StringComparison.Ordinal);
        Assert.Contains("2002", output, StringComparison.Ordinal);
        Assert.Contains("1 orders are not finished. Resume with: batchorders submit", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("report")]
    public async Task A_missing_journal_is_exit_code_2_with_a_plain_message(string command)
    {
        var missing = _batch.Folder.File("nothing.journal.db");

        var (exitCode, output) = await CliRunner.RunAsync(command, missing);

        Assert.Equal(2, exitCode);
        Assert.Contains("There is no journal at", output, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("report")]
    public async Task A_file_that_is_not_a_journal_is_exit_code_2_with_a_plain_message(string command)
    {
        var notJournal = _batch.Folder.WriteText("notes.db", "these are not the orders you are looking for\n");

        var (exitCode, output) = await CliRunner.RunAsync(command, notJournal);

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot be used", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_writes_the_workbook_and_failed_rows_and_rewrites_them_from_the_journal_as_it_is_now()
    {
        var (exitCode, output) = await CliRunner.RunAsync("report", JournalPath);

        Assert.Equal(0, exitCode);
        var workbookPath = _batch.InputPath + ".results.xlsx";
        Assert.Contains(workbookPath, output, StringComparison.Ordinal);
        Assert.Contains(_batch.InputPath + ".failed.csv", output, StringComparison.Ordinal);
        Assert.Equal("Failed", State(workbookPath, row: 4));

        var failed = _batch.Plan.Orders[1].OrderKey;
        _batch.Journal.Synchronize(_batch.Read, _batch.Plan, BatchOrders.Journal.InputHash.Compute(_batch.InputPath), retryFailed: true);
        _batch.Journal.Apply(failed, new OrderChange.Send());
        _batch.Journal.Apply(failed, new OrderChange.Succeed("Cs_order2", 201, new Dictionary<int, string>()));
        (exitCode, _) = await CliRunner.RunAsync("report", JournalPath);

        Assert.Equal(0, exitCode);
        Assert.Equal("Succeeded", State(workbookPath, row: 4));
    }

    [Fact]
    public async Task Report_writes_where_results_says()
    {
        var path = _batch.Folder.File("elsewhere.xlsx");

        var (exitCode, output) = await CliRunner.RunAsync("report", JournalPath, "--results", path);

        Assert.Equal(0, exitCode);
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.Equal("Succeeded", State(path, row: 2));
        Assert.False(File.Exists(_batch.InputPath + ".results.xlsx"));
    }

    [Fact]
    public async Task Report_to_a_locked_workbook_warns_plainly_and_keeps_the_old_file()
    {
        var path = _batch.Folder.WriteText("locked.xlsx", "old");
        int exitCode;
        string output;
        using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            (exitCode, output) = await CliRunner.RunAsync("report", JournalPath, "--results", path);
        }

        Assert.Equal(2, exitCode);
        Assert.Contains("Warning:", output, StringComparison.Ordinal);
        Assert.Contains("open in another program", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public async Task Status_json_from_a_child_process_has_no_escape_codes()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(["status", JournalPath, "--json"]);

        Assert.Equal(3, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.DoesNotContain('\u001b', output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(4, json.RootElement.GetProperty("totalRows").GetInt32());
    }

    [Fact]
    public async Task Status_exits_1_when_orders_failed_and_0_when_every_order_succeeded()
    {
        var pending = _batch.Plan.Orders[2].OrderKey;
        _batch.Journal.Apply(pending, new OrderChange.Send());
        _batch.Journal.Apply(pending, new OrderChange.Succeed("Cs_order3", 201, new Dictionary<int, string>()));
        var failedExit = (await CliRunner.RunAsync("status", JournalPath)).ExitCode;
        var failed = _batch.Plan.Orders[1].OrderKey;
        _batch.Journal.Synchronize(_batch.Read, _batch.Plan, BatchOrders.Journal.InputHash.Compute(_batch.InputPath), retryFailed: true);
        _batch.Journal.Apply(failed, new OrderChange.Send());
        _batch.Journal.Apply(failed, new OrderChange.Succeed("Cs_order2", 201, new Dictionary<int, string>()));

        var (doneExit, _) = await CliRunner.RunAsync("status", JournalPath);

        Assert.Equal((1, 0), (failedExit, doneExit));
    }

    private static string State(string workbookPath, int row)
    {
        using var workbook = new XLWorkbook(workbookPath);
        var sheet = workbook.Worksheet("Results");
        return sheet.Cell(row, ResultsWorkbookTests.Index(sheet, "State")).GetString();
    }
}
