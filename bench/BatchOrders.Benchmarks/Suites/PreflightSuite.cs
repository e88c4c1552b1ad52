using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BatchOrders.Benchmarks.Chaos;
using BatchOrders.Reading;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// The preflight as an operator meets it (issue 24, "Speed"): <c>submit FILE --what-if --target URL --allow-repeat
/// --json</c>, the CLI as a child process, against the standalone sandbox (<c>batchorders sandbox</c>, a child process
/// too) at 0.5 s ± 25% per request, its reads on a window of their own at the ceiling each case gives (every other
/// family unlimited; the preflight sends nothing else). The batch is the bench's mixed one (<see
/// cref="SandboxOrderFiles"/>: new customers with new-commerce and legacy rows, add-ons for the sandbox's existing
/// subscriptions) sized to about 3.5 minutes (quick: 2.5) of reads at the case's ceiling, its availability ids reissued
/// once before the run as the chaos harness does (so most of the sheet's ids are today's, some stale, some
/// <c>PRODUCT:SKU</c>). The sandbox's read counter, sampled every second, gives the reads answered per minute once the
/// first minute (ramp-up, learning the ceiling) is past, over the ceiling (target ≥ 90%), and the reads per customer
/// (the reads it answered over the file's customers), which must not grow with the batch (the larger batch over the
/// smaller, target ≤ 1.05×). The CLI's own count of its reads (each distinct read once, retries not counted) is kept
/// beside them.
/// </summary>
internal sealed class PreflightSuite : IBenchmarkSuite
{
    private const double LatencySeconds = 0.5;
    private const double JitterShare = 0.25;
    private static readonly int[] Ceilings = [500, 2_000];
    private static readonly TimeSpan FirstMinute = TimeSpan.FromMinutes(1);

    public string Name => "preflight";

    private static string CaseName(int ceiling) => string.Create(CultureInfo.InvariantCulture, $"preflight-{ceiling}-{LatencySeconds}s");

    public IReadOnlyList<BenchmarkCase> Cases(BenchSettings settings)
    {
        var cli = Path.Combine(BenchPaths.RepositoryRoot(), "src", "BatchOrders.Cli", "bin", "Release", "net10.0", "BatchOrders.Cli.dll");
        var minutes = settings.Quick ? 2.5 : 3.5;
        return [.. Ceilings.Select(ceiling =>
        {
            // About 3.6 reads per order of the mixed file (per customer its record, account status and subscriptions,
            // per new-commerce item its availabilities; SKUs and legacy offers once per country): sized to the minutes wanted.
            var orders = (int)(ceiling * minutes / 3.6);
            var csv = settings.Inputs.MixedCsv(orders, settings.Seed);
            return new BenchmarkCase(CaseName(ceiling),
                string.Create(CultureInfo.InvariantCulture, $"preflight of {orders:N0} mixed orders, reads limited to {ceiling:N0}/min, {LatencySeconds} s ±25% per request, default options (submit --what-if --target URL --allow-repeat)"),
                csv,
                clock => Measure(cli, csv, ceiling, settings.Seed, clock),
                _ => 0,
                Iterations: 1);
        })];
    }

    public IReadOnlyList<Comparison> Compare(IReadOnlyDictionary<string, CaseResult> results)
    {
        double F(string name, string figure) => results[name].Figures![figure];
        var comparisons = new List<Comparison>();
        foreach (var ceiling in Ceilings)
        {
            var name = CaseName(ceiling);
            var rate = F(name, "rate/ceiling %");
            comparisons.Add(new($"{name}: reads/min after the first minute / ceiling", rate, "%", ">= 90%", rate >= 90));
        }

        var (small, large) = (CaseName(Ceilings[0]), CaseName(Ceilings[^1]));
        var growth = F(large, "reads/customer") / F(small, "reads/customer");
        comparisons.Add(new(string.Create(CultureInfo.InvariantCulture, $"reads per customer, {F(large, "customers"):N0} customers over {F(small, "customers"):N0}"),
            growth, "x", "<= 1.05x", growth <= 1.05));
        return comparisons;
    }

    private static long Measure(string cli, string csv, int ceiling, int seed, PhaseClock clock) =>
        MeasureAsync(cli, csv, ceiling, seed, clock).GetAwaiter().GetResult();

    private static async Task<long> MeasureAsync(string cli, string csv, int ceiling, int seed, PhaseClock clock)
    {
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"The CLI is not built ({cli}): ./run.sh bench builds it.");
        }

        var folder = Directory.CreateTempSubdirectory("batchorders-bench-preflight-");
        try
        {
            string[] limits =
            [
                "--latency", Milliseconds(LatencySeconds), "--latency-jitter", Milliseconds(LatencySeconds * JitterShare),
                "--rate-limit", "0", "--cart-rate-limit", "0", "--checkout-rate-limit", "0", "--read-rate-limit", ceiling.ToString(CultureInfo.InvariantCulture),
            ];
            using var sandbox = await ChaosSandbox.StartAsync(cli, folder.FullName, seed, limits, CancellationToken.None);
            await sandbox.RotateAvailabilitiesAsync(CancellationToken.None);
            var before = Answered(await sandbox.StatsAsync(CancellationToken.None));
            clock.Mark("sandbox");

            // --allow-repeat: the what-if's repeat check (each customer's recent orders) is not the preflight's to count.
            string[] submit = ["submit", csv, "--what-if", "--target", sandbox.Address, "--allow-repeat", "--journal", Path.Combine(folder.FullName, "bench.journal.db"), "--json"];
            var samples = new List<(TimeSpan At, long Reads)>();
            var watch = Stopwatch.StartNew();
            using var client = ChildProcess.Start(cli, submit, Path.Combine(folder.FullName, "submit.log"), new Dictionary<string, string>
            {
                ["BATCHORDERS__PartnerCenter__AccessToken"] = "bench-token",
                ["CI"] = "true",
            });
            var exited = client.Process.WaitForExitAsync();
            while (!exited.IsCompleted)
            {
                samples.Add((watch.Elapsed, Answered(await sandbox.StatsAsync(CancellationToken.None)) - before));
                await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(1)));
            }

            var wall = watch.Elapsed;
            var stats = await sandbox.StatsAsync(CancellationToken.None);
            samples.Add((wall, Answered(stats) - before));
            clock.Mark("preflight");

            var report = JsonDocument.Parse(client.Output[client.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
            var preflight = report.GetProperty("preflight");
            var clientReads = preflight.GetProperty("reads").GetInt32();
            var customers = SpreadsheetReader.Read(csv).Rows.Select(r => r.CustomerId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var reads = stats!.Families["reads"];

            // The reads' end: the first sample at the final count (the CLI's exit and results come after).
            var total = samples[^1].Reads;
            var end = samples.First(s => s.Reads == total).At;
            var atFirstMinute = samples.LastOrDefault(s => s.At <= FirstMinute).Reads;
            var perMinute = end > FirstMinute + TimeSpan.FromSeconds(20) ? (total - atFirstMinute) / (end - FirstMinute).TotalMinutes : double.NaN;
            Console.WriteLine("reads answered per 10 s: " + string.Join(" ", samples.Where(s => s.At.TotalSeconds % 10 < 1).Select(s => string.Create(CultureInfo.InvariantCulture, $"{(int)s.At.TotalSeconds}s:{s.Reads}"))));

            clock.Figure("exit code", client.Process.ExitCode);
            clock.Figure("wall s", wall.TotalSeconds);
            clock.Figure("reads s", end.TotalSeconds);
            clock.Figure("customers", customers);
            clock.Figure("rows", report.GetProperty("rows").GetInt32());
            clock.Figure("errors", preflight.GetProperty("errors").GetInt32());
            clock.Figure("warnings", preflight.GetProperty("warnings").GetInt32());
            clock.Figure("reads", clientReads);
            clock.Figure("reads answered", total);
            clock.Figure("reads/customer", total / (double)customers);
            clock.Figure("read requests", reads.Requests);
            clock.Figure("429s", reads.Throttled429);
            clock.Figure("429/1000 reads", reads.Requests == 0 ? 0 : reads.Throttled429 * 1000.0 / reads.Requests);
            clock.Figure("reads/min", perMinute);
            clock.Figure("ceiling/min", ceiling);
            clock.Figure("rate/ceiling %", 100 * perMinute / ceiling);
            if (client.Process.ExitCode is not (0 or 2) || preflight.GetProperty("errors").GetInt32() > 0)
            {
                throw new InvalidOperationException($"The preflight of the bench's batch should find no errors (exit {client.Process.ExitCode}): {client.Output[..Math.Min(client.Output.Length, 4_000)]}");
            }

            return clientReads;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Reads the sandbox answered (429s excluded): the reads family's requests less its 429s.</summary>
    private static long Answered(Sandbox.SandboxStats? stats) =>
        stats?.Families.TryGetValue("reads", out var reads) == true ? reads.Requests - reads.Throttled429 : 0;

    private static string Milliseconds(double seconds) => ((int)(seconds * 1000)).ToString(CultureInfo.InvariantCulture);
}
