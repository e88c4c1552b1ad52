using System.Globalization;
using BatchOrders.Benchmarks.Submission;
using BatchOrders.Submission;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// Submission against the in-process sandbox (issue 10): default options — concurrency that adapts — at 0.2 s, 2 s
/// and 8 s per request (±25% jitter) under ceilings of 500 and 6,000 requests a minute. Each case measures orders
/// created per minute from the sandbox's ledger timestamps once the first minute (ramp-up and learning) is past,
/// against the ceiling, and 429s per 1,000 requests; the 6,000/min, 0.2 s case is also compared with one order at
/// a time. A fixed 64 in flight at 2 s shows memory and threads at 64 requests in flight; every case reports its
/// peak in flight, peak threads and the wall-time share spent waiting on the journal. Full mode: the first minute
/// and 2.5 more on the real clock; quick mode: the first minute and one more on a clock twice as fast, sandbox and
/// client alike (see <see cref="ScaledTimeProvider"/>), so quick figures are a smoke check. The repeat-check cases run
/// the check beside the orders, as <c>submit</c> does against an endpoint, the reads on a window of their own at the
/// same ceiling: 300 one-line orders with and without it side by side (wall time, target ≤ 1.3×), and 1,200 with it
/// (orders per minute after the first minute, ≥ 90% of the ceiling; 429s per 1,000 requests of each family, &lt; 5).
/// </summary>
internal sealed class SubmissionSuite : IBenchmarkSuite
{
    private const string Sequential = "seq-6000-0.2s";
    private const string Fixed64 = "c64-6000-2s";
    private const string RepeatOff = "repeat-300-2s-allow";
    private const string RepeatOn = "repeat-300-2s-check";
    private const string RepeatLong = "repeat-1200-2s-check";
    private static readonly string[] Families = ["orderWrites", "reads"];
    private const double JitterShare = 0.25;

    private static readonly int[] Ceilings = [500, 6_000];
    private static readonly double[] Latencies = [0.2, 2, 8];

    public string Name => "submission";

    private static string CaseName(int ceiling, double latency) => string.Create(CultureInfo.InvariantCulture, $"rate-{ceiling}-{latency}s");

    public IReadOnlyList<BenchmarkCase> Cases(BenchSettings settings)
    {
        var inputs = settings.Inputs;
        var factor = settings.Quick ? 2.0 : 1.0;
        var minutes = settings.Quick ? 2.0 : 3.5;
        var clockNote = settings.Quick ? ", clock x2" : string.Empty;
        var warmUpCsv = inputs.SandboxCsv(20, settings.Seed, maxLines: 1);
        var defaults = new SubmissionOptions();

        BenchmarkCase Case(string name, string description, int orders, int perMinute, double latency, SubmissionOptions options, bool checkRepeats = false)
        {
            var csv = inputs.SandboxCsv(orders, settings.Seed, maxLines: 1);
            return new(name, description + clockNote, csv,
                clock => Measure(csv, perMinute, latency, options, factor, settings.Seed, clock, checkRepeats),
                _ => WarmUp(warmUpCsv, options, settings.Seed),
                Iterations: 1);
        }

        var cases = new List<BenchmarkCase>();
        foreach (var ceiling in Ceilings)
        {
            foreach (var latency in Latencies)
            {
                var orders = (int)(ceiling * minutes);
                cases.Add(Case(CaseName(ceiling, latency),
                    string.Create(CultureInfo.InvariantCulture, $"{orders:N0} one-line orders, {ceiling:N0}/min limit, {latency} s ±25% per request, default options (adaptive, at most {defaults.MaxInFlight:N0} in flight)"),
                    orders, ceiling, latency, defaults));
            }
        }

        var sequentialOrders = settings.Size(300, 100);
        cases.Add(Case(Sequential, $"{sequentialOrders:N0} orders, 6,000/min limit, 0.2 s ±25%, one at a time (--concurrency 1)", sequentialOrders, 6_000, 0.2, defaults with { Concurrency = 1 }));
        var fixedOrders = settings.Size(1_500, 600);
        cases.Add(Case(Fixed64, $"{fixedOrders:N0} orders, 6,000/min limit, 2 s ±25%, --concurrency 64: memory and threads at 64 in flight", fixedOrders, 6_000, 2, defaults with { Concurrency = 64 }));
        cases.Add(Case(RepeatOff, "300 one-line orders, 500/min limit per family, 2 s ±25%, default options, no repeat check (--allow-repeat)", 300, 500, 2, defaults));
        cases.Add(Case(RepeatOn, "300 one-line orders, 500/min limit per family, 2 s ±25%, default options, repeat check beside the orders", 300, 500, 2, defaults, checkRepeats: true));
        var longOrders = settings.Size(1_200, 600);
        cases.Add(Case(RepeatLong, $"{longOrders:N0} one-line orders, 500/min limit per family, 2 s ±25%, default options, repeat check beside the orders", longOrders, 500, 2, defaults, checkRepeats: true));
        return cases;
    }

    public IReadOnlyList<Comparison> Compare(IReadOnlyDictionary<string, CaseResult> results)
    {
        double F(string name, string figure) => results[name].Figures![figure];
        var comparisons = new List<Comparison>();
        foreach (var ceiling in Ceilings)
        {
            foreach (var latency in Latencies)
            {
                var name = CaseName(ceiling, latency);
                var rate = F(name, "rate/ceiling %");
                var throttled = F(name, "429/1000 req");
                comparisons.Add(new($"{name}: orders/min after the first minute / ceiling", rate, "%", ">= 90%", rate >= 90));
                comparisons.Add(new($"{name}: 429s per 1,000 requests", throttled, "", "< 5", throttled < 5));
            }
        }

        var speedUp = F(CaseName(6_000, 0.2), "orders/min") / F(Sequential, "orders/min");
        comparisons.Add(new("6,000/min, 0.2 s: default options over one at a time (orders/min)", speedUp, "x", ">= 10x", speedUp >= 10));
        var share = F(CaseName(6_000, 0.2), "journal %");
        comparisons.Add(new("6,000/min, 0.2 s: wall time waiting on the journal", share, "%", "<= 5%", share <= 5));
        var repeatWall = F(RepeatOn, "wall s") / F(RepeatOff, "wall s");
        comparisons.Add(new("300 orders, 500/min, 2 s: wall time with the repeat check over without", repeatWall, "x", "<= 1.3x", repeatWall <= 1.3));
        var longRate = F(RepeatLong, "rate/ceiling %");
        comparisons.Add(new($"{RepeatLong}: orders/min after the first minute / ceiling", longRate, "%", ">= 90%", longRate >= 90));
        foreach (var name in new[] { RepeatOn, RepeatLong })
        {
            foreach (var family in Families)
            {
                var throttled = F(name, $"429/1000 {family}");
                comparisons.Add(new($"{name}: 429s per 1,000 {family} requests", throttled, "", "< 5", throttled < 5));
            }
        }

        return comparisons;
    }

    private static long Measure(string csv, int perMinute, double latencySeconds, SubmissionOptions options, double factor, int seed, PhaseClock clock, bool checkRepeats)
    {
        TimeProvider time = factor == 1.0 ? TimeProvider.System : new ScaledTimeProvider(factor);
        var latency = TimeSpan.FromSeconds(latencySeconds);
        var figures = SandboxBatch.RunAsync(csv, perMinute, latency, latency * JitterShare, options, time, seed, checkRepeats).GetAwaiter().GetResult();
        clock.Mark("batch");
        clock.Figure("wall s", figures.Wall.TotalSeconds);
        clock.Figure("orders", figures.Orders);
        clock.Figure("orders/min", figures.CreatedPerMinute);
        clock.Figure("ceiling/min", perMinute);
        clock.Figure("rate/ceiling %", 100 * figures.CreatedPerMinute / perMinute);
        clock.Figure("requests", figures.Requests);
        clock.Figure("429s", figures.Throttled);
        clock.Figure("429/1000 req", figures.ThrottledPerThousand);
        foreach (var family in Families)
        {
            clock.Figure($"429/1000 {family}", figures.ThrottledPerThousandOf(family));
        }

        clock.Figure("peak in flight", figures.PeakRequestsInFlight);
        clock.Figure("peak threads", figures.PeakThreads);
        clock.Figure("journal %", 100 * figures.JournalShare);
        clock.Figure("journal summed %", 100 * figures.JournalSummedMs / figures.RealWall.TotalMilliseconds);
        clock.Figure("journal calls", figures.JournalCalls);
        return figures.Succeeded;
    }

    private static long WarmUp(string csv, SubmissionOptions options, int seed) =>
        SandboxBatch.RunAsync(csv, 0, TimeSpan.Zero, TimeSpan.Zero, options, TimeProvider.System, seed).GetAwaiter().GetResult().Succeeded;
}
