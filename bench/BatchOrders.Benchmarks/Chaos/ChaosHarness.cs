using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Sandbox;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// The exactly-once claim under fire: a standalone sandbox (child process, SQLite state, faults on) and the CLI
/// submitting one batch to it, killed with SIGKILL at random moments and rerun with the same command until it exits
/// 0; then the sandbox's ledger is compared with the plan and the journal. Exit 0 only when nothing is duplicated,
/// missing or in disagreement. The seed decides the orders, the sandbox's faults and the kill moments (the moments
/// are wall-clock delays, so a replay kills at the same delays, not at the same instructions).
/// </summary>
internal sealed partial class ChaosHarness(ChaosSettings settings)
{
    private const string Token = "chaos-harness-token";

    public async Task<int> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(settings.Deadline);
        var cli = settings.CliPath ?? Path.Combine(BenchPaths.RepositoryRoot(), "src", "BatchOrders.Cli", "bin", "Release", "net10.0", "BatchOrders.Cli.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"chaos: the CLI is not built ({cli}); run ./run.sh chaos, or pass --cli PATH.");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("batchorders-chaos-").FullName;
        Console.WriteLine($"Chaos: seed {settings.Seed}, {settings.Orders:N0} orders, {settings.Kills} kills, client life {settings.MinLife.TotalMilliseconds:N0}–{settings.MaxLife.TotalMilliseconds:N0} ms, " +
                          $"bounded to {settings.Deadline.TotalMinutes:N0} min. Folder: {folder}");
        Console.WriteLine($"Replay: ./run.sh chaos{(settings.Orders == ChaosSettings.Quick(0, null).Orders ? " --quick" : string.Empty)} --seed {settings.Seed}");
        var random = new Random(settings.Seed);
        var csv = new InputGenerator(folder).SandboxCsv(settings.Orders, settings.Seed);
        var journalPath = Path.Combine(folder, "chaos.journal.db");

        using var sandbox = StartSandbox(cli, folder, settings.Seed);
        var address = await WaitForAddress(sandbox, deadline.Token);
        Console.WriteLine($"Sandbox (pid {sandbox.Process.Id}) on {address}, state {Path.Combine(folder, "sandbox.db")}, faults: {string.Join(' ', ChaosSettings.SandboxFaults)}");
        string[] submit = ["submit", csv, "--target", address, "--journal", journalPath, .. ChaosSettings.ClientOptions];
        using var sandboxHttp = new HttpClient { BaseAddress = new Uri(address) };
        async Task<long> Created() => (await sandboxHttp.GetFromJsonAsync<SandboxStats>("_sandbox/stats", Web, deadline.Token))?.OrdersCreated ?? 0;

        var runs = new List<(int Number, string Outcome, double Seconds)>();
        var kills = 0;
        var finished = false;
        try
        {
            while (kills < settings.Kills && !finished)
            {
                deadline.Token.ThrowIfCancellationRequested();
                var life = settings.MinLife + (settings.MaxLife - settings.MinLife) * random.NextDouble();
                var (outcome, seconds, exitCode) = await RunClient(cli, submit, folder, runs.Count + 1, life, deadline.Token);
                runs.Add((runs.Count + 1, outcome, seconds));
                kills += exitCode is null ? 1 : 0;
                finished = exitCode == 0;
                CheckExit(exitCode);
                Console.WriteLine($"  run {runs.Count,3}: {outcome,-10} after {seconds,5:N1} s  (kills {kills}, orders created so far {await Created():N0})");
            }

            if (finished)
            {
                Console.WriteLine($"  the batch finished after {kills} kills, before the {settings.Kills} planned: use more orders or shorter lives.");
            }

            for (var rerun = 0; !finished && rerun < settings.MaxFinishingRuns; rerun++)
            {
                deadline.Token.ThrowIfCancellationRequested();
                var (outcome, seconds, exitCode) = await RunClient(cli, submit, folder, runs.Count + 1, kill: null, deadline.Token);
                runs.Add((runs.Count + 1, outcome, seconds));
                finished = exitCode == 0;
                CheckExit(exitCode);
                Console.WriteLine($"  run {runs.Count,3}: {outcome,-10} after {seconds,5:N1} s  (orders created so far {await Created():N0})");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Console.WriteLine($"Chaos: FAILED — not finished within {settings.Deadline.TotalMinutes:N0} minutes (seed {settings.Seed}). Folder kept: {folder}");
            return 1;
        }
        catch (ChaosFailure failure)
        {
            Console.WriteLine($"Chaos: FAILED — {failure.Message} (seed {settings.Seed}). Logs in {folder}");
            return 1;
        }

        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var ledger = await http.GetFromJsonAsync<List<LedgerOrder>>("_sandbox/ledger", Web) ?? [];
        var stats = await http.GetFromJsonAsync<SandboxStats>("_sandbox/stats", Web);
        sandbox.Process.Kill();
        await sandbox.Process.WaitForExitAsync(CancellationToken.None);

        var read = SpreadsheetReader.Read(csv);
        var plan = OrderPlanner.Plan(csv, read.Rows);
        var (journal, problem) = BatchJournal.Open(journalPath);
        List<string> problems;
        using (journal ?? throw new InvalidOperationException(problem?.Message))
        {
            problems = ChaosChecks.Compare(plan, ledger, journal.GetOrders());
        }

        if (!finished)
        {
            problems.Insert(0, $"the batch never finished: {settings.MaxFinishingRuns} reruns after the kills did not exit 0");
        }

        Console.WriteLine();
        Console.WriteLine($"Orders planned {plan.Orders.Count:N0} · ledger entries {ledger.Count:N0} · client runs {runs.Count} · SIGKILLs {kills} · " +
                          $"reruns after the last kill {runs.Count - runs.FindLastIndex(r => r.Outcome == "killed") - 1} · {clock.Elapsed.TotalSeconds:N0} s");
        if (stats is not null)
        {
            Console.WriteLine($"Sandbox: {stats.TotalRequests:N0} requests, {stats.OrdersCreated:N0} orders created, {stats.IdempotentReplays:N0} idempotent replays, " +
                              $"{stats.Throttled429 + stats.StormThrottled429:N0} 429s, faults {string.Join(", ", stats.FaultsInjected.Where(f => f.Key != "latency").Select(f => $"{f.Key} {f.Value:N0}"))}");
        }

        var duplicates = problems.Count(p => p.StartsWith("DUPLICATE", StringComparison.Ordinal));
        var missing = problems.Count(p => p.StartsWith("MISSING", StringComparison.Ordinal));
        var disagreements = problems.Count(p => p.StartsWith("JOURNAL", StringComparison.Ordinal));
        Console.WriteLine($"Duplicates {duplicates} · missing {missing} · journal/ledger disagreements {disagreements} · other problems {problems.Count - duplicates - missing - disagreements}");
        foreach (var line in problems.Take(50))
        {
            Console.WriteLine("  " + line);
        }

        if (problems.Count > 0)
        {
            Console.WriteLine($"Chaos: FAILED (seed {settings.Seed}). Folder kept: {folder}");
            return 1;
        }

        Console.WriteLine($"Chaos: OK — every planned order exactly once (seed {settings.Seed}).");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static void CheckExit(int? exitCode)
    {
        // 0 done, 3 interrupted or retryable orders left (rerun); anything else is not what a crash may cause.
        if (exitCode is not (null or 0 or 3))
        {
            throw new ChaosFailure($"a client run exited with {exitCode}");
        }
    }

    private static ChildProcess StartSandbox(string cli, string folder, int seed)
    {
        string[] args = ["sandbox", "--port", "0", "--state", Path.Combine(folder, "sandbox.db"), "--seed", seed.ToString(CultureInfo.InvariantCulture), "--quiet", .. ChaosSettings.SandboxFaults];
        return ChildProcess.Start(cli, args, Path.Combine(folder, "sandbox.log"), environment: null);
    }

    private static async Task<string> WaitForAddress(ChildProcess sandbox, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Address().Match(sandbox.Output) is { Success: true } match)
            {
                return match.Value;
            }

            if (sandbox.Process.HasExited)
            {
                throw new InvalidOperationException($"The sandbox exited ({sandbox.Process.ExitCode}): {sandbox.Output}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task<(string Outcome, double Seconds, int? ExitCode)> RunClient(
        string cli, string[] submit, string folder, int number, TimeSpan? kill, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var client = ChildProcess.Start(cli, submit, Path.Combine(folder, $"run-{number:D3}.log"),
            new Dictionary<string, string> { ["BATCHORDERS__PartnerCenter__AccessToken"] = Token, ["CI"] = "true" });
        var exited = client.Process.WaitForExitAsync(cancellationToken);
        if (kill is { } life && await Task.WhenAny(exited, Task.Delay(life, cancellationToken)) != exited)
        {
            client.Process.Kill(); // SIGKILL: no handler runs, nothing is flushed.
            await client.Process.WaitForExitAsync(CancellationToken.None);
            return ("killed", watch.Elapsed.TotalSeconds, null);
        }

        await exited;
        return ($"exited {client.Process.ExitCode}", watch.Elapsed.TotalSeconds, client.Process.ExitCode);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Address();

    private sealed class ChaosFailure(string message) : Exception(message);
}
