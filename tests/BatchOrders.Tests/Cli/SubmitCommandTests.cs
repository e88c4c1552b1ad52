using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.Results;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;

namespace BatchOrders.Tests.Cli;

/// <summary>The real submit path in-process, against the embedded sandbox (its state kept beside the journal).</summary>
public sealed class SubmitCommandTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,Notes";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_sample_add_ons_are_ordered_and_a_rerun_finds_nothing_to_do()
    {
        var path = _folder.CopySample("addons.csv");

        var (exitCode, output) = await CliRunner.RunAsync("submit", path);
        var (again, rerun) = await CliRunner.RunAsync("submit", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("REHEARSAL", output, StringComparison.Ordinal);
        Assert.Contains("nothing was really ordered", output, StringComparison.Ordinal);
        Assert.Contains("This run: 13 succeeded", output, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("13 orders had already succeeded in an earlier run and were not sent again", rerun, StringComparison.Ordinal);
        Assert.True(File.Exists(path + ".journal.db"));
        Assert.True(File.Exists(path + ".results.xlsx"));
        Assert.False(File.Exists(path + ".failed.csv"));
    }

    [Fact]
    public async Task A_cart_orders_checkout_is_its_second_step_not_a_retry_on_the_progress_line()
    {
        var path = _folder.CopySample("finance-upload.csv");

        var (exitCode, output) = await CliRunner.RunAsync("submit", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("This run: 10 succeeded, 0 failed, 0 without a definitive answer, 18 requests, 0 throttled.", output, StringComparison.Ordinal);
        Assert.Contains("10/10 done", output, StringComparison.Ordinal);
        Assert.Contains("retries 0", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"retries [1-9]", output);
    }

    [Fact]
    public async Task Business_failures_are_recorded_with_partner_centers_codes_and_not_retried()
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(Header,
            $"{Rows.Customer},{Rows.E3},5,Monthly,fine",
            $"{Rows.OtherCustomer},{Rows.E3},50000,Monthly,too many",
            $"0b7e6d5c-4f3a-4b2c-9d1e-0f9a8b7c6d5e,aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee,1,Monthly,no such offer"));

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--no-preflight", "--json");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("orders").GetProperty("succeeded").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("orders").GetProperty("failed").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("exitCode").GetInt32());
        var (journal, _) = BatchJournal.Open(path + ".journal.db");
        using (journal)
        {
            var failed = journal!.GetOrders(OrderState.Failed);
            Assert.Equal(["2002", "800004"], failed.Select(o => o.ErrorCode).Order());
            Assert.All(failed, o => Assert.Equal((1, 400), (o.Attempts, o.HttpStatus)));
            Assert.All(failed, o => Assert.False(string.IsNullOrWhiteSpace(o.ErrorMessage)));
        }

        var failedRows = File.ReadAllLines(json.RootElement.GetProperty("failedRows").GetString()!);
        Assert.Equal(3, failedRows.Length);
        Assert.Equal($"{Header},{string.Join(',', FailedRowsFile.ReasonColumns)}", failedRows[0].TrimStart('\uFEFF'));
        Assert.Contains(",Failed,order,,2002,", failedRows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fixed_row_is_sent_again_and_a_row_changed_after_success_is_a_conflict()
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(Header,
            $"{Rows.Customer},{Rows.E3},5,Monthly,ok",
            $"{Rows.OtherCustomer},{Rows.E3},50000,Monthly,typo"));
        Assert.Equal(1, (await CliRunner.RunAsync("submit", path, "--no-preflight")).ExitCode);

        File.WriteAllText(path, Rows.Csv(Header,
            $"{Rows.Customer},{Rows.E3},5,Monthly,ok",
            $"{Rows.OtherCustomer},{Rows.E3},50,Monthly,fixed"));
        var (fixedExit, fixedOutput) = await CliRunner.RunAsync("submit", path, "--no-preflight");

        Assert.Equal(0, fixedExit);
        Assert.Contains("This run: 1 succeeded", fixedOutput, StringComparison.Ordinal);

        File.WriteAllText(path, Rows.Csv(Header,
            $"{Rows.Customer},{Rows.E3},7,Monthly,changed after success",
            $"{Rows.OtherCustomer},{Rows.E3},50,Monthly,fixed"));
        var (conflictExit, conflictOutput) = await CliRunner.RunAsync("submit", path, "--no-preflight", "--verbose");

        Assert.Equal(1, conflictExit);
        Assert.Contains("Conflict", conflictOutput, StringComparison.Ordinal);
        Assert.Contains("changed after they were ordered (row 2: 031C9E47-4802-4248-838E-778FB1D2CC05 was ordered with quantity 5", conflictOutput, StringComparison.Ordinal);
        Assert.Contains("This run: 0 succeeded", conflictOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_input_sends_nothing_and_writes_the_validation_sheet()
    {
        var path = _folder.CopySample("with-errors.csv");

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--no-preflight");

        Assert.Equal(2, exitCode);
        Assert.Contains("Nothing was sent", output, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".journal.db"));
        using var workbook = new XLWorkbook(path + ".results.xlsx");
        Assert.True(workbook.Worksheets.Contains("Validation"));
    }

    [Fact]
    public async Task A_journal_of_another_file_is_refused()
    {
        var first = _folder.CopySample("addons.csv");
        var second = _folder.CopySample("finance-upload.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("submit", first)).ExitCode);

        var (exitCode, output) = await CliRunner.RunAsync("submit", second, "--journal", first + ".journal.db");

        Assert.Equal(2, exitCode);
        Assert.Contains("belongs to addons.csv, not finance-upload.csv", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_without_a_terminal_refuses_unless_yes_is_given()
    {
        var path = _folder.CopySample("addons.csv");

        var (refused, output) = await CliRunner.RunAsync("submit", path, "--confirm");
        var (confirmed, _) = await CliRunner.RunAsync("submit", path, "--confirm", "--yes", "--quiet");

        Assert.Equal(2, refused);
        Assert.Contains("add --yes", output, StringComparison.Ordinal);
        Assert.Equal(0, confirmed);
    }

    [Fact]
    public async Task Live_without_credentials_explains_what_to_configure_and_exits_4()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync(["submit", _folder.CopySample("addons.csv"), "--target", "live"]);

        Assert.Equal(4, exitCode);
        Assert.Contains("PartnerCenter:TenantId", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", output, StringComparison.Ordinal);
    }
}
