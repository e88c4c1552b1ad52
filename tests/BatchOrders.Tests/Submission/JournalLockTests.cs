using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Submission;

/// <summary>A run holds its journal: a second run on it stops at once with the holder named; a killed holder blocks nobody.</summary>
public sealed class JournalLockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_second_run_on_a_journal_in_use_exits_5_naming_the_holder_and_sends_nothing_while_status_still_reads()
    {
        await using var sandbox = await Slow();
        var path = OrderFiles.Write(_folder, "held.csv", 40, seed: 21);
        using var first = CliProcess.Start(Submit(path, sandbox));
        await WaitForRequests(sandbox);

        var requestsBefore = sandbox.GetStats().TotalRequests;
        var (exitCode, output) = await CliRunner.RunAsync(Submit(path, sandbox));
        var (statusExit, statusOutput) = await CliRunner.RunAsync("status", path + ".journal.db");

        Assert.Equal(5, exitCode);
        var flat = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Contains($"Another run is using the journal {path}.journal.db: process {first.Id} on {Environment.MachineName}", flat, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", flat, StringComparison.Ordinal);
        Assert.Equal(3, statusExit);
        Assert.Contains("orders are not finished", statusOutput, StringComparison.Ordinal);
        await first.WaitForExitAsync();
        Assert.Equal(0, first.ExitCode);
        Assert.True(sandbox.GetStats().IdempotentReplays == 0, "the second run sent something");
        Assert.True(requestsBefore <= sandbox.GetStats().TotalRequests);
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox, path, expectedOrders: 40);
    }

    [Fact]
    public async Task A_lock_left_by_a_killed_run_is_no_obstacle()
    {
        await using var sandbox = await Slow();
        var path = OrderFiles.Write(_folder, "killed.csv", 30, seed: 22);
        using (var killed = CliProcess.Start(Submit(path, sandbox)))
        {
            await WaitForRequests(sandbox);
            CliProcess.Signal(killed, "KILL");
            await killed.WaitForExitAsync();
        }

        var (exitCode, output) = await CliRunner.RunAsync(Submit(path, sandbox));

        Assert.True(exitCode == 0, output);
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox, path, expectedOrders: 30);
    }

    private static Task<SandboxServer> Slow() =>
        SandboxServer.StartAsync(new SandboxOptions { Seed = 31, RequestsPerMinute = 0, LatencyMean = TimeSpan.FromMilliseconds(150), RequestLogLevel = LogLevel.None });

    private static string[] Submit(string path, SandboxServer sandbox) =>
        ["submit", path, "--target", sandbox.BaseAddress.ToString(), "--concurrency", "2"];

    private static async Task WaitForRequests(SandboxServer sandbox)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The first order or cart: the run's preflight reads come before it, while its journal has nothing in flight yet.
        while (sandbox.GetStats() is { OrdersCreated: 0, CartsCreated: 0 })
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
