using BatchOrders.Benchmarks.Submission;
using BatchOrders.Submission;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// Submission against the in-process sandbox with 200 ms latency (issue 4): the rate achieved under a 600/min
/// ceiling with the default client options and its 429s, and the wall time of one batch under a 6,000/min ceiling
/// one order at a time against the default concurrency (4) and higher ones, with the journal's share of it.
/// Full mode runs 1,000 orders per case on the real clock, once (each case is minutes of waiting on purpose);
/// quick mode runs fewer on a clock four times faster, sandbox and client alike (see <see cref="ScaledTimeProvider"/>).
/// </summary>
internal sealed class SubmissionSuite : IBenchmarkSuite
{
    private const string Rate600 = "rate-600";
    private const string Rate500Wide = "rate-500-c16";
    private const string Sequential = "seq-6000";
    private const string DefaultConcurrency = "c4-6000";
    private const int Latency = 200;

    private static readonly int[] Wider = [8, 12, 16];

    public string Name => "submission";

    public IReadOnlyList<BenchmarkCase> Cases(BenchSettings settings)
    {
        var inputs = settings.Inputs;
        var rateOrders = settings.Size(1_000, 700);
        var speedOrders = settings.Size(1_000, 100);
        var rateCsv = inputs.SandboxCsv(rateOrders, settings.Seed);
        var speedCsv = inputs.SandboxCsv(speedOrders, settings.Seed);
        var warmUpCsv = inputs.SandboxCsv(20, settings.Seed);
        var factor = settings.Quick ? 4.0 : 1.0;
        var defaults = new SubmissionOptions();
        var clockNote = settings.Quick ? ", clock x4" : string.Empty;

        BenchmarkCase Case(string name, string description, string csv, int perMinute, SubmissionOptions options) =>
            new(name, description + clockNote, csv,
                clock => Measure(csv, perMinute, options, factor, settings.Seed, clock),
                _ => WarmUp(warmUpCsv, options, settings.Seed),
                Iterations: 1);

        List<BenchmarkCase> cases =
        [
            Case(Rate600, $"{rateOrders:N0} orders, 600/min limit, {Latency} ms latency, default options (concurrency {defaults.Concurrency})", rateCsv, 600, defaults),
            Case(Sequential, $"{speedOrders:N0} orders, 6,000/min limit, {Latency} ms latency, one at a time (concurrency 1)", speedCsv, 6_000, defaults with { Concurrency = 1 }),
            Case(DefaultConcurrency, $"{speedOrders:N0} orders, 6,000/min limit, {Latency} ms latency, default concurrency {defaults.Concurrency}", speedCsv, 6_000, defaults),
        ];
        cases.AddRange(Wider.Select(c =>
            Case($"c{c}-6000", $"{speedOrders:N0} orders, 6,000/min limit, {Latency} ms latency, concurrency {c}", speedCsv, 6_000, defaults with { Concurrency = c })));
        cases.Add(Case(Rate500Wide, $"{rateOrders:N0} orders, 500/min limit (Partner Center's), {Latency} ms latency, concurrency 16: polite?", rateCsv, 500, defaults with { Concurrency = 16 }));
        return cases;
    }

    public IReadOnlyList<Comparison> Compare(IReadOnlyDictionary<string, CaseResult> results)
    {
        double F(string name, string figure) => results[name].Figures![figure];
        var rate = F(Rate600, "rate/ceiling %");
        var throttled = F(Rate600, "429/1000 req");
        var sequential = F(Sequential, "wall s");
        var comparisons = new List<Comparison>
        {
            new("rate achieved / 600/min ceiling, default options", rate, "%", ">= 95%", rate >= 95),
            new("429s per 1,000 requests at 600/min, default options", throttled, "", "< 5", throttled < 5),
        };
        foreach (var name in new[] { DefaultConcurrency }.Concat(Wider.Select(c => $"c{c}-6000")))
        {
            var speedUp = sequential / F(name, "wall s");
            comparisons.Add(new($"speed-up over one at a time, {name}", speedUp, "x", ">= 10x", speedUp >= 10));
        }

        var share = F(DefaultConcurrency, "journal %");
        comparisons.Add(new("journal time / wall time, default concurrency", share, "%", "<= 5%", share <= 5));
        var politeRate = F(Rate500Wide, "rate/ceiling %");
        var politeThrottled = F(Rate500Wide, "429/1000 req");
        comparisons.Add(new("concurrency 16 at 500/min: rate / ceiling", politeRate, "%", ">= 95%", politeRate >= 95));
        comparisons.Add(new("concurrency 16 at 500/min: 429s per 1,000 requests", politeThrottled, "", "< 5", politeThrottled < 5));
        return comparisons;
    }

    private static long Measure(string csv, int perMinute, SubmissionOptions options, double factor, int seed, PhaseClock clock)
    {
        TimeProvider time = factor == 1.0 ? TimeProvider.System : new ScaledTimeProvider(factor);
        var figures = SandboxBatch.RunAsync(csv, perMinute, TimeSpan.FromMilliseconds(Latency), options, time, seed).GetAwaiter().GetResult();
        clock.Mark("batch");
        clock.Figure("wall s", figures.Wall.TotalSeconds);
        clock.Figure("orders", figures.Orders);
        clock.Figure("requests", figures.Requests);
        clock.Figure("429s", figures.Throttled);
        clock.Figure("429/1000 req", figures.ThrottledPerThousand);
        clock.Figure("accepted/min", figures.AcceptedPerMinute);
        clock.Figure("ceiling/min", perMinute);
        clock.Figure("rate/ceiling %", 100 * figures.AcceptedPerMinute / perMinute);
        clock.Figure("journal ms", figures.JournalMs);
        clock.Figure("journal calls", figures.JournalCalls);
        clock.Figure("journal %", 100 * figures.JournalShare);
        return figures.Succeeded;
    }

    private static long WarmUp(string csv, SubmissionOptions options, int seed) =>
        SandboxBatch.RunAsync(csv, 0, TimeSpan.Zero, options, TimeProvider.System, seed).GetAwaiter().GetResult().Succeeded;
}
