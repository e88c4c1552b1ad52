using System.Diagnostics;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// The exactly-once claim under fire: a standalone sandbox (child process, SQLite state, faults on) and the CLI
/// submitting one batch to it, SIGKILLed at shares of the batch drawn uniformly, at start-up, in 429 pauses and while
/// it writes its results workbook, and rerun with the same command until it exits 0; the sandbox itself SIGKILLed and
/// restarted on its state file mid-batch; Partner Center's availability ids reissued twice before the first run (so
/// every id the sheet names is stale) and after every second kill, while no client runs (the preflight of the rerun resolves
/// them; an order sent before answers for the id it carried); then the ledger against the plan and the journal. Journals of an older
/// version are killed while they migrate (<see cref="MigrationTrials"/>). The seed decides the input, the faults,
/// the shares, the lives and the delays (wall-clock, so a replay kills at the same shares, not the same instructions).
/// </summary>
internal sealed class ChaosHarness(ChaosSettings settings, TextWriter output)
{
    private const int MaxWorkbookTries = 4;

    // Availabilities are reissued after every this many kills (and once before the first run).
    private const int KillsPerRotation = 2;

    public async Task<ChaosReport> RunAsync()
    {
        var report = new ChaosReport(settings);
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(settings.Deadline);
        var cli = settings.CliPath ?? throw new InvalidOperationException("The CLI's path is not set.");
        var folder = settings.Folder ?? Directory.CreateTempSubdirectory("batchorders-chaos-").FullName;
        var random = new Random(settings.Seed);
        var inputs = new InputGenerator(folder);
        var csv = settings.Mixed ? inputs.MixedCsv(settings.Orders, settings.Seed) : inputs.SandboxCsv(settings.Orders, settings.Seed);
        var plan = OrderPlanner.Plan(csv, SpreadsheetReader.Read(csv).Rows);
        report.PlannedOrders = plan.Orders.Count;
        var schedule = ChaosSchedule.Create(settings, random);
        output.WriteLine($"Chaos ({settings.Size}): seed {settings.Seed}, {(settings.Mixed ? "mixed input" : "legacy orders")}: {plan.Orders.Count:N0} orders " +
                         $"({plan.Orders.Count(o => o.Path == PurchasePath.Cart):N0} cart, {plan.Orders.Count(o => o.IsAddOn):N0} add-on), " +
                         $"{settings.BatchKills} kills planned ({settings.ProgressKills} at drawn progress, {settings.StartUpKills} at start-up, {settings.StormKills} in 429 pauses, " +
                         $"{settings.WorkbookKills} in workbook writes) + {settings.MigrationKills} migration trials, {settings.SandboxRestarts} sandbox restarts at " +
                         $"{string.Join(", ", schedule.RestartShares.Select(s => s.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)))}; bounded to {settings.Deadline.TotalMinutes:N0} min.");
        output.WriteLine($"Folder: {folder}");
        output.WriteLine($"Replay: {settings.ReplayCommand}");

        try
        {
            await RunBatchAsync(cli, folder, csv, plan, schedule, random, report, deadline.Token);
            output.WriteLine("Journal migration on open (version-2 journal, new rows added, killed within milliseconds of opening):");
            var (kills, problems) = await new MigrationTrials(cli, folder, random, output).RunAsync(settings.MigrationKills, deadline.Token);
            report.MigrationKills.AddRange(kills);
            report.Problems.AddRange(problems);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            report.Problems.Add($"not finished within {settings.Deadline.TotalMinutes:N0} minutes");
        }

        report.WallTime = clock.Elapsed;
        report.CheckPlan();
        report.Print(output);
        output.WriteLine(report.Passed
            ? $"Chaos: OK — every planned order exactly once (seed {settings.Seed})."
            : $"Chaos: FAILED (seed {settings.Seed}). Replay: {settings.ReplayCommand}. Folder kept: {folder}");
        if (report.Passed && settings.Folder is null)
        {
            Directory.Delete(folder, recursive: true);
        }

        return report;
    }

    private async Task RunBatchAsync(
        string cli, string folder, string csv, OrderPlan plan, ChaosSchedule schedule, Random random, ChaosReport report, CancellationToken cancellationToken)
    {
        var journalPath = Path.Combine(folder, "chaos.journal.db");
        var resultsPath = Path.Combine(folder, "chaos.results.xlsx");
        string[] submit = ["submit", csv, "--target", string.Empty, "--journal", journalPath, "--results", resultsPath, .. ChaosSettings.ClientOptions];
        using var sandbox = await ChaosSandbox.StartAsync(cli, folder, settings.Seed, settings.SandboxFaults, cancellationToken);
        submit[3] = sandbox.Address;
        output.WriteLine($"Sandbox (pid {sandbox.ProcessId}) on {sandbox.Address}, state {sandbox.StatePath}, faults: {string.Join(' ', settings.SandboxFaults)}");
        // Twice, so every availability id the sheet names is stale (the generator writes the first reissue's): a rerun
        // within --reuse-reads reuses an availability list that found nothing wrong, and the harness reissues ids every
        // two kills — far more often than that age assumes Partner Center does — so a row naming today's id could
        // be sent, by a later run, with an id reissued since, and its cart refused (docs/preflight.md, "Reads").
        await sandbox.RotateAvailabilitiesAsync(cancellationToken);
        report.Rotations = await sandbox.RotateAvailabilitiesAsync(cancellationToken);
        var runner = new ClientRunner(cli, submit, folder, sandbox, plan.Orders.Count, resultsPath, random);

        async Task RestartWhenDue(SandboxReading reading, CancellationToken token)
        {
            if (sandbox.Restarts < schedule.RestartShares.Count && runner.ShareOf(reading) >= schedule.RestartShares[sandbox.Restarts])
            {
                var pid = sandbox.ProcessId;
                var away = await sandbox.RestartAsync(token);
                output.WriteLine($"  sandbox SIGKILLed at {runner.ShareOf(reading),6:P1} of the batch (pid {pid}), restarted on the same port and state file (pid {sandbox.ProcessId}): away {away.TotalSeconds:N1} s");
            }
        }

        var stormKillsLeft = settings.StormKills;
        var finished = false;
        foreach (var planned in schedule.Runs)
        {
            for (var tries = 1; ; tries++)
            {
                // A batch that finished early leaves nothing for progress and start-up kills; a rerun still writes the workbook.
                if (finished && planned.Kill is KillKind.Progress or KillKind.StartUp)
                {
                    break;
                }

                var outcome = await runner.RunAsync(planned with { StormKillAllowed = stormKillsLeft > 0 }, RestartWhenDue, cancellationToken);
                Print(outcome);
                Check(outcome, report);
                if (outcome.Killed is { } kind)
                {
                    report.Kills.Add(new KillRecord(outcome.Number, kind, outcome.Share, outcome.Seconds, outcome.Note));
                    stormKillsLeft -= kind == KillKind.Storm ? 1 : 0;
                    finished = false;
                    if (report.Kills.Count % KillsPerRotation == 0)
                    {
                        report.Rotations = await sandbox.RotateAvailabilitiesAsync(cancellationToken);
                        output.WriteLine($"  availability ids reissued (generation {report.Rotations}) before the next run");
                    }

                    if (kind == KillKind.Storm)
                    {
                        continue; // the progress kill this run aimed at is still to come
                    }

                    break;
                }

                finished = outcome.ExitCode == 0;
                if (((planned.Kill is null or KillKind.Progress) && !finished) || (planned.Kill == KillKind.Workbook && tries < MaxWorkbookTries))
                {
                    continue;
                }

                break;
            }
        }

        for (var rerun = 0; !finished && rerun < settings.MaxFinishingRuns; rerun++)
        {
            var outcome = await runner.RunAsync(RunPlan.ToTheEnd, RestartWhenDue, cancellationToken);
            Print(outcome);
            Check(outcome, report);
            finished = outcome.ExitCode == 0;
        }

        report.ClientRuns = runner.Runs;
        report.Restarts = sandbox.Restarts;
        if (!finished)
        {
            report.Problems.Add($"the batch never finished: {settings.MaxFinishingRuns} reruns after the kills did not exit 0");
        }

        var ledger = await sandbox.LedgerAsync(cancellationToken);
        var stats = await sandbox.StatsAsync(cancellationToken);
        report.LedgerEntries = ledger.Count;
        if (stats is not null)
        {
            output.WriteLine($"Sandbox (last life): {stats.TotalRequests:N0} requests, {stats.OrdersCreated:N0} orders created, {stats.IdempotentReplays:N0} idempotent replays, " +
                             $"faults {string.Join(", ", stats.FaultsInjected.Where(f => f.Key != "latency").Select(f => $"{f.Key} {f.Value:N0}"))}");
        }

        var (journal, problem) = BatchJournal.Open(journalPath);
        using (journal ?? throw new InvalidOperationException(problem?.Message))
        {
            report.Problems.AddRange(ChaosChecks.Compare(plan, ledger, journal.GetOrders(), settings.ExpectCarts));
        }

        if (finished && WorkbookCheck.Finished(resultsPath, plan.Orders.Sum(o => o.LineItems.Count)) is { } broken)
        {
            report.Problems.Add("WORKBOOK: " + broken);
        }
    }

    private void Print(ClientRunOutcome outcome)
    {
        var how = outcome.Killed is { } kind ? $"killed   at {outcome.Share,6:P1} of the batch after {outcome.Seconds,5:N1} s — {ChaosReport.Describe(kind)}" :
            $"exited {outcome.ExitCode} at {outcome.Share,6:P1} of the batch after {outcome.Seconds,5:N1} s";
        output.WriteLine($"  run {outcome.Number,3}: {how}{(outcome.Note.Length > 0 ? $" ({outcome.Note})" : string.Empty)}");
    }

    private static void Check(ClientRunOutcome outcome, ChaosReport report)
    {
        if (outcome.Problem is not null)
        {
            report.Problems.Add($"WORKBOOK: run {outcome.Number}: {outcome.Problem}");
        }

        // 0 done, 3 interrupted or retryable orders left (rerun); anything else is not what a crash may cause.
        if (outcome.ExitCode is not (null or 0 or 3))
        {
            report.Problems.Add($"run {outcome.Number} exited {outcome.ExitCode} (see run-{outcome.Number:D3}.log)");
        }
    }
}
