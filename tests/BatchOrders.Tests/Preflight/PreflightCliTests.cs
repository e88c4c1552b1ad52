using System.Text.Json;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Preflight;

/// <summary>The preflight as a user meets it: submit against a standalone sandbox.</summary>
public sealed class PreflightCliTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration,ParentSubscriptionId,OrderId,PromotionId,PartnerIdOnRecord";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task What_if_json_lists_each_finding_at_its_row_and_column_shows_todays_id_and_writes_nothing_then_the_good_rows_are_bought()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 3, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None });
        sandbox.RotateAvailabilities();
        var today = sandbox.CurrentCatalogItemId(SandboxHost.NceBusinessPremium);
        string[] good =
        [
            $"{Seeded.Fabrikam},{SandboxHost.NceBusinessPremium},12,Annual,P1Y,,,,",
            $"{Seeded.Contoso},{sandbox.CurrentCatalogItemId(SandboxHost.NceTeamsPhoneAddOn)},10,Monthly,P1Y,{Seeded.ContosoNceE3Subscription},,,",
        ];
        var path = Write("problems.csv", [.. good, $"{Seeded.Tailspin},{today},1,Monthly,P1Y,,,,", $"{Seeded.Proseware},{sandbox.CurrentCatalogItemId(SandboxHost.NceBusinessBasic)},400,Monthly,P1M,,,,"]);

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--what-if", "--target", sandbox.BaseAddress.ToString(), "--json");

        Assert.Equal(2, exitCode);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal([(4, "CustomerId"), (5, "Quantity")], report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())));
        var warning = Assert.Single(report.GetProperty("warnings").EnumerateArray());
        Assert.Equal((2, "OfferId"), (warning.GetProperty("row").GetInt32(), warning.GetProperty("column").GetString()));
        Assert.Contains(today, warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (sandbox.GetStats().OrdersCreated, sandbox.GetStats().CartsCreated));
        Assert.Empty(sandbox.GetLedger());

        var fixedPath = Write("fixed.csv", good);
        var (whatIfExit, whatIf) = await CliRunner.RunAsync("submit", fixedPath, "--what-if", "--target", sandbox.BaseAddress.ToString(), "--json");
        Assert.Equal(0, whatIfExit);
        var line = JsonDocument.Parse(whatIf).RootElement.GetProperty("orders").EnumerateArray().SelectMany(o => o.GetProperty("lineItems").EnumerateArray()).First(l => l.GetProperty("row").GetInt32() == 2);
        Assert.Equal((today, SandboxHost.NceBusinessPremium), (line.GetProperty("offerId").GetString(), line.GetProperty("sheetOfferId").GetString()));

        var (sent, sentOutput) = await CliRunner.RunAsync("submit", fixedPath, "--target", sandbox.BaseAddress.ToString(), "--quiet");
        Assert.True(sent == 0, sentOutput);
        var lines = sandbox.GetLedger().SelectMany(o => o.LineItems).ToList();
        Assert.Contains(lines, l => l.OfferId == today && l.Quantity == 12);
        Assert.Contains(lines, l => l.OfferId == sandbox.CurrentCatalogItemId(SandboxHost.NceTeamsPhoneAddOn) && l.ParentSubscriptionId?.ToString("D") == Seeded.ContosoNceE3Subscription);
    }

    [Fact]
    public async Task A_file_with_a_row_for_each_problem_gets_one_error_at_each_none_at_the_valid_rows_and_todays_id_for_a_stale_one_and_nothing_is_written()
    {
        var options = new SandboxOptions { Seed = 7, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None };
        options.UnknownCustomers.Add(Guid.Parse(PreflightTests.Unknown));
        await using var sandbox = await SandboxServer.StartAsync(options);
        sandbox.RotateAvailabilities();
        string[] valid =
        [
            $"{Seeded.Proseware},{SandboxHost.NceE3},5,Monthly,P1M,,,,",
            $"{Seeded.AdventureWorks},{SandboxHost.E3},7,Monthly,,,,,",
            $"{Seeded.Contoso},{sandbox.CurrentCatalogItemId(SandboxHost.NceTeamsPhoneAddOn)},10,Monthly,P1Y,{Seeded.ContosoNceE3Subscription},,,",
        ];
        var problems = PreflightTests.Problems.Select(p => (Name: (string)p[0], Row: (string)p[1], Column: (string)p[2], Because: (string)p[3])).ToList();
        var path = Write("every-problem.csv", [.. valid, .. problems.Select(p => p.Row)]);

        // Some problem rows buy the same offer for the same customer: the file's own duplicate check would stop them first.
        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--what-if", "--target", sandbox.BaseAddress.ToString(), "--json", "--allow-duplicates");

        Assert.Equal(2, exitCode);
        var report = JsonDocument.Parse(output).RootElement;
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString(), Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.All(problems.Select((problem, i) => (Problem: problem, Row: 2 + valid.Length + i)), expected =>
        {
            var error = Assert.Single(errors, e => e.Row == expected.Row);
            Assert.True(error.Column == expected.Problem.Column && error.Message.Contains(expected.Problem.Because, StringComparison.Ordinal),
                $"{expected.Problem.Name}: row {error.Row}, {error.Column}: {error.Message}");
        });
        Assert.Equal(problems.Count, errors.Count);
        var stale = Assert.Single(report.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("row").GetInt32() == 2);
        Assert.Equal("OfferId", stale.GetProperty("column").GetString());
        Assert.Contains($"is {sandbox.CurrentCatalogItemId(SandboxHost.NceE3)}, which will be bought", stale.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stats = sandbox.GetStats();
        Assert.Equal((0, 0, 0L, 0L), (stats.OrdersCreated, stats.CartsCreated, stats.OrdersPatched, stats.CartsCheckedOut));
        Assert.Equal(0, stats.Families["orderWrites"].Requests + stats.Families["carts"].Requests + stats.Families["checkout"].Requests);
        Assert.Empty(sandbox.GetLedger());
    }

    [Fact]
    public async Task A_token_the_preflights_reads_are_refused_stops_before_anything_is_sent_with_exit_4()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 3, RequestsPerMinute = 0, RequiredToken = "right-token", RequestLogLevel = LogLevel.None });
        var path = Write("refused.csv", [$"{Seeded.Contoso},{SandboxHost.NceBusinessPremium},1,Monthly,P1Y,,,,"]);

        var (exitCode, output, _) = await CliProcess.RunAsync(["submit", path, "--target", sandbox.BaseAddress.ToString()],
            new Dictionary<string, string> { ["BATCHORDERS__PartnerCenter__AccessToken"] = "wrong-token" });

        Assert.Equal(4, exitCode);
        Assert.Contains("Partner Center could not be read", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        Assert.Empty(sandbox.GetLedger());
    }

    private string Write(string name, string[] rows)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", [Header, .. rows]) + "\n");
        return path;
    }
}
