using BatchOrders.Benchmarks.Chaos;
using BatchOrders.Tests.Support;
using Xunit.Abstractions;

namespace BatchOrders.Tests.Chaos;

/// <summary>
/// The short, CI-sized run of the chaos harness (<c>./run.sh chaos</c>, bench/BatchOrders.Benchmarks/Chaos): a
/// standalone sandbox as a child process (SQLite state, faults on) and the CLI on a short mixed batch (cart, order and
/// add-on rows), SIGKILLed once in each quarter of the batch and once while it writes its results workbook, the sandbox
/// SIGKILLed and restarted on its state file mid-batch, and a version-2 journal killed while it migrates; then each
/// planned line item exactly once in the ledger, and the journal agreeing with it.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class ChaosHarnessTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20251125;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_client_killed_in_each_quarter_of_the_batch_and_while_writing_and_migrating_with_the_sandbox_restarted_mid_batch_still_buys_each_line_exactly_once()
    {
        var settings = ChaosSettings.Ci(Seed, Path.Combine(AppContext.BaseDirectory, "BatchOrders.Cli.dll"), _folder.Path);
        using var log = new StringWriter();

        var report = await new ChaosHarness(settings, log).RunAsync();

        output.WriteLine(log.ToString());
        Assert.True(report.Passed, log.ToString());
        Assert.Equal((0, 0, 0, 0), (report.Duplicates, report.Missing, report.Disagreements, report.OtherProblems));
        Assert.All(report.KillsByQuarter, quarter => Assert.True(quarter >= 1, report.QuarterLine));
        Assert.Equal(settings.SandboxRestarts, report.Restarts);
        Assert.Contains(report.Kills, k => k.Kind == KillKind.Workbook);
        Assert.Single(report.MigrationKills);
        Assert.Equal(report.PlannedOrders, report.LedgerEntries);
    }
}
