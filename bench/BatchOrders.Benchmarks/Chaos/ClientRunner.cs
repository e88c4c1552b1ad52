using System.Diagnostics;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// Runs the CLI's <c>submit</c> as a child process, always the same command, and watches it from outside — the
/// sandbox's counters every 20 ms, the results folder every 2 ms while a workbook kill is due — to SIGKILL it at the
/// moment its <see cref="RunPlan"/> names. Every reading goes to a callback first, which may restart the sandbox.
/// </summary>
internal sealed class ClientRunner(string cli, IReadOnlyList<string> submit, string folder, ChaosSandbox sandbox, int plannedOrders, string resultsPath, Random random)
{
    private const string Token = "chaos-harness-token";

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["BATCHORDERS__PartnerCenter__AccessToken"] = Token,
        ["CI"] = "true",
    };

    // How long the results workbook takes to write, learnt from runs that wrote it before they were killed.
    private TimeSpan _writeTime = TimeSpan.FromMilliseconds(300);

    /// <summary>Client runs so far.</summary>
    public int Runs { get; private set; }

    /// <summary>The share of the batch a reading of the ledger stands for.</summary>
    public double ShareOf(SandboxReading reading) => Math.Min(1.0, reading.LedgerEntries / (double)Math.Max(1, plannedOrders));

    public async Task<ClientRunOutcome> RunAsync(RunPlan plan, Func<SandboxReading, CancellationToken, Task> onReading, CancellationToken cancellationToken)
    {
        var number = ++Runs;
        var workbookBefore = plan.Kill == KillKind.Workbook ? WorkbookCheck.Fingerprint(resultsPath) : null;
        var leftovers = WorkbookCheck.Temporaries(resultsPath).ToHashSet(StringComparer.Ordinal);
        bool Writing() => WorkbookCheck.Temporaries(resultsPath).Any(t => !leftovers.Contains(t));
        var clock = Stopwatch.StartNew();
        using var client = ChildProcess.Start(cli, submit, Path.Combine(folder, $"run-{number:D3}.log"), Environment);
        var exited = client.Process.WaitForExitAsync(cancellationToken);
        var start = await sandbox.ReadAsync(cancellationToken);
        var threshold = Math.Max((long)Math.Ceiling(plan.Share * plannedOrders), start.LedgerEntries + 1);
        var storms = start.Storm429s;
        (TimeSpan At, KillKind Kind, string Note)? kill = null;
        TimeSpan? writeSeen = null;
        while (!exited.IsCompleted)
        {
            var reading = await sandbox.ReadAsync(cancellationToken);
            var now = clock.Elapsed;
            kill ??= plan.Kill switch
            {
                KillKind.StartUp when now >= plan.Life => (now, KillKind.StartUp, $"life {plan.Life.TotalSeconds:N1} s"),
                KillKind.Progress when reading.LedgerEntries >= threshold => (now, KillKind.Progress, $"aimed at {plan.Share:P1}"),

                // The first 429s of a storm were just answered: the client now waits out their Retry-After.
                KillKind.Progress when plan.StormKillAllowed && reading.Storm429s > storms =>
                    (now + TimeSpan.FromMilliseconds(random.Next(50, 400)), KillKind.Storm, $"{reading.Storm429s - storms} storm 429s just answered, paused"),
                KillKind.Workbook when writeSeen is null && Writing() =>
                    (now + (_writeTime * random.NextDouble()), KillKind.Workbook, "results workbook"),
                _ => null,
            };
            writeSeen ??= kill is { Kind: KillKind.Workbook } ? now : null;
            storms = reading.Storm429s;
            if (kill is { } due && clock.Elapsed >= due.At && !client.Process.HasExited)
            {
                var writing = Writing();
                client.Process.Kill(); // SIGKILL: no handler runs, nothing is flushed.
                await client.Process.WaitForExitAsync(CancellationToken.None);
                var share = ShareOf(await sandbox.ReadAsync(cancellationToken));
                if (due.Kind != KillKind.Workbook)
                {
                    return new ClientRunOutcome(number, null, due.Kind, clock.Elapsed.TotalSeconds, share, due.Note);
                }

                var (verdict, problem) = WorkbookCheck.AfterKill(resultsPath, workbookBefore);
                var left = WorkbookCheck.Temporaries(resultsPath).Count(t => !leftovers.Contains(t));
                return new ClientRunOutcome(number, null, due.Kind, clock.Elapsed.TotalSeconds, share,
                    $"{(writing ? "mid-write" : "after the write")}: {verdict}{(left > 0 ? ", its hidden .tmp left behind" : string.Empty)}", problem);
            }

            // After the kill check, so that a restart (seconds) never delays a kill that is due.
            await onReading(reading, cancellationToken);
            await Task.WhenAny(exited, Task.Delay(plan.Kill == KillKind.Workbook ? 2 : 20, cancellationToken));
        }

        await exited;
        if (writeSeen is { } seen)
        {
            _writeTime = clock.Elapsed - seen;
        }

        var end = ShareOf(await sandbox.ReadAsync(cancellationToken));
        return new ClientRunOutcome(number, client.Process.ExitCode, null, clock.Elapsed.TotalSeconds, end,
            kill is { Kind: KillKind.Workbook } ? "exited before the kill: the write took " + $"{_writeTime.TotalMilliseconds:N0} ms" : string.Empty);
    }
}
