using System.Diagnostics;
using System.Globalization;
using System.Text;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Sandbox;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// Kills during the journal's migration on open. Each trial copies a journal written by journal version 2 (the
/// repository's fixture: a batch that succeeded, then was sorted, against the embedded sandbox whose state lies
/// beside it), adds rows for new customers to its file, starts the client on it and SIGKILLs it a few milliseconds
/// after the journal's WAL file appears — before, during or just after the migration commits. The reruns must
/// migrate, send the new orders once, never resend the old ones, and agree with the sandbox's ledger.
/// </summary>
internal sealed class MigrationTrials(string cli, string folder, Random random, TextWriter output)
{
    private const string Fixture = "sorted-after-success";
    private const string Input = "finance-upload.csv";
    private const int NewCustomers = 12;
    private const int MaxReruns = 5;

    // Legacy offers of the sandbox's catalog the fixture's customers do not hold under these new customers' ids.
    private static readonly (string Id, string Name)[] Offers =
    [
        ("91FD106F-4B2C-4938-95AC-F54F74E9A239", "Office 365 E1"),
        ("4C1E8A2B-9D3F-4B7A-A5C6-2E8F1D9B3A03", "Exchange Online (Plan 1)"),
        ("5C01E314-F629-4A63-9EBF-18E206F42318", "Power BI Pro"),
    ];

    private static readonly Dictionary<string, string> Environment = new() { ["CI"] = "true" };

    /// <summary>Runs <paramref name="trials"/> trials; returns their kills and every problem found.</summary>
    public async Task<(List<KillRecord> Kills, List<string> Problems)> RunAsync(int trials, CancellationToken cancellationToken)
    {
        var kills = new List<KillRecord>();
        var problems = new List<string>();
        if (trials == 0)
        {
            return (kills, problems);
        }

        var window = await CalibrateAsync(cancellationToken);
        output.WriteLine($"  migration 0 (not killed): the migration committed {window.TotalMilliseconds:N0} ms after the journal was opened; kills land 0–{1.5 * window.TotalMilliseconds:N0} ms after it");
        for (var trial = 1; trial <= trials; trial++)
        {
            var csv = Prepare(trial);
            var journal = BatchJournal.DefaultPath(csv);
            var plan = OrderPlanner.Plan(csv, SpreadsheetReader.Read(csv, cancellationToken: cancellationToken).Rows);
            var (kill, afterOpen, exitCode) = await KillDuringOpenAsync(csv, journal, trial, window * 1.5 * random.NextDouble(), cancellationToken);
            if (kill is { } seconds)
            {
                var version = SchemaVersion(journal);
                var share = (await LedgerAsync(journal)).Count / (double)plan.Orders.Count;
                var state = version < JournalSchema.CurrentVersion ? "not migrated yet" : "already migrated";
                kills.Add(new KillRecord(trial, KillKind.Migration, share, seconds,
                    $"{afterOpen.TotalMilliseconds:N0} ms after the journal was opened: version {version} left, {state}"));
                output.WriteLine($"  migration {trial}: killed at {share,6:P1} of its batch after {seconds,5:N1} s — {kills[^1].Note}");
            }
            else
            {
                output.WriteLine($"  migration trial {trial}: the client exited {exitCode} before the kill (no kill counted)");
            }

            for (var rerun = 0; rerun < MaxReruns && exitCode != 0; rerun++)
            {
                exitCode = await RunToEndAsync(csv, trial, rerun, cancellationToken);
            }

            var prefix = $"migration trial {trial}: ";
            if (exitCode != 0)
            {
                problems.Add($"{prefix}the batch never finished ({MaxReruns} reruns, last exit {exitCode})");
                continue;
            }

            if (SchemaVersion(journal) != JournalSchema.CurrentVersion)
            {
                problems.Add($"{prefix}the journal is still at version {SchemaVersion(journal)}");
            }

            var ledger = await LedgerAsync(journal);
            var (opened, problem) = BatchJournal.Open(journal);
            using (opened ?? throw new InvalidOperationException(problem?.Message))
            {
                problems.AddRange(ChaosChecks.Compare(plan, ledger, opened.GetOrders(), cartsSent: false).Select(p => prefix + p));
            }
        }

        return (kills, problems);
    }

    private string Prepare(int trial)
    {
        var source = Path.Combine(BenchPaths.RepositoryRoot(), "tests", "BatchOrders.Tests", "TestData", "journal-v2", Fixture);
        var target = Directory.CreateDirectory(Path.Combine(folder, $"migration-{trial}")).FullName;
        foreach (var file in Directory.GetFiles(source, Input + "*"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        // New customers in the file's own shape (semicolons, CRLF, a cost-centre column): work left after the migration.
        var csv = Path.Combine(target, Input);
        var rows = new StringBuilder();
        for (var customer = 1; customer <= NewCustomers; customer++)
        {
            var id = InputGenerator.NewGuid(random).ToString("D").ToUpperInvariant();
            foreach (var (offer, name) in Offers.Take(random.Next(1, Offers.Length + 1)))
            {
                rows.Append(CultureInfo.InvariantCulture,
                    $"Neukunde {trial}-{customer} GmbH;{id};{offer};{random.Next(1, 50)};Monthly;\"{name}; Neukunde {trial}-{customer} GmbH\";KST-{random.Next(1000, 9999)}\r\n");
            }
        }

        File.AppendAllText(csv, rows.ToString(), new UTF8Encoding(false));
        return csv;
    }

    /// <summary>
    /// A trial without a kill: how long after the journal's WAL file appears (the client opens the journal and switches
    /// it to WAL, then migrates it in one transaction) its first commit reaches the WAL — the migration's window.
    /// </summary>
    private async Task<TimeSpan> CalibrateAsync(CancellationToken cancellationToken)
    {
        var csv = Prepare(0);
        var journal = BatchJournal.DefaultPath(csv);
        using var client = ChildProcess.Start(cli, ["submit", csv, "--quiet"], Path.Combine(folder, "migration-0", "run-1.log"), Environment);
        var exited = client.Process.WaitForExitAsync(cancellationToken);
        var wal = new FileInfo(journal + "-wal");
        await WaitAsync(() => File.Exists(wal.FullName), exited, cancellationToken);
        var clock = Stopwatch.StartNew();
        await WaitAsync(() => { wal.Refresh(); return wal.Exists && wal.Length > 32; }, exited, cancellationToken);
        var window = clock.Elapsed;
        await exited;
        return window;
    }

    /// <summary>Starts the client and SIGKILLs it <paramref name="delay"/> after the journal's WAL file appears; the kill's time from start and from the opening, or null when it exited first.</summary>
    private async Task<(double? Kill, TimeSpan AfterOpen, int ExitCode)> KillDuringOpenAsync(string csv, string journal, int trial, TimeSpan delay, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var client = ChildProcess.Start(cli, ["submit", csv, "--quiet"], Path.Combine(folder, $"migration-{trial}", "run-1.log"), Environment);
        var exited = client.Process.WaitForExitAsync(cancellationToken);
        await WaitAsync(() => File.Exists(journal + "-wal"), exited, cancellationToken);
        var opened = clock.Elapsed;
        await Task.WhenAny(exited, Task.Delay(delay, cancellationToken));
        if (client.Process.HasExited)
        {
            return (null, TimeSpan.Zero, client.Process.ExitCode);
        }

        client.Process.Kill(); // SIGKILL
        var killed = clock.Elapsed;
        await client.Process.WaitForExitAsync(CancellationToken.None);
        return (killed.TotalSeconds, killed - opened, -1);
    }

    /// <summary>Polls every millisecond until the condition holds or the client exits.</summary>
    private static async Task WaitAsync(Func<bool> condition, Task exited, CancellationToken cancellationToken)
    {
        while (!exited.IsCompleted && !condition())
        {
            await Task.Delay(1, cancellationToken);
        }
    }

    private async Task<int> RunToEndAsync(string csv, int trial, int rerun, CancellationToken cancellationToken)
    {
        using var client = ChildProcess.Start(cli, ["submit", csv, "--quiet"], Path.Combine(folder, $"migration-{trial}", $"run-{rerun + 2}.log"), Environment);
        await client.Process.WaitForExitAsync(cancellationToken);
        return client.Process.ExitCode;
    }

    /// <summary>The journal's schema version, read without migrating it.</summary>
    private static long SchemaVersion(string journal)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journal, Pooling = false }.ToString());
        connection.Open();
        return connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version") ?? 0;
    }

    /// <summary>The ledger of the embedded sandbox the trial's client used: its state file beside the journal.</summary>
    private static async Task<IReadOnlyList<LedgerOrder>> LedgerAsync(string journal)
    {
        var state = Path.ChangeExtension(journal, null) + ".sandbox.db";
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { StatePath = state, RequestLogLevel = LogLevel.None });
        return sandbox.GetLedger();
    }
}
