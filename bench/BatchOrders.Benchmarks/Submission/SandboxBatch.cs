using System.Diagnostics;
using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Runs;
using BatchOrders.Sandbox;
using BatchOrders.Submission;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Benchmarks.Submission;

/// <summary>
/// One batch sent the way <c>submit</c> sends it (<see cref="BatchInput"/>, <see cref="BatchRun"/>), to an in-process
/// sandbox with a rate limit (every operation family on a window of its own at that ceiling), latency and jitter, from
/// a fresh journal in a temporary folder, with the repeat check beside the orders when asked (as <c>submit</c> runs it
/// against an endpoint); the peak of requests in flight (from the progress reports) and of the process's threads
/// (sampled) are kept beside the sandbox's figures.
/// </summary>
internal static class SandboxBatch
{
    public static async Task<BatchFigures> RunAsync(string csv, int requestsPerMinute, TimeSpan latency, TimeSpan jitter, SubmissionOptions options, TimeProvider time, int seed,
        bool checkRepeats = false)
    {
        var input = BatchInput.Load(csv);
        if (!input.IsValid)
        {
            throw new InvalidOperationException($"{csv}: the generated orders are not valid ({input.Errors.Count} errors).");
        }

        var folder = Directory.CreateTempSubdirectory("batchorders-bench-submit-");
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(
                new SandboxOptions { Seed = seed, RequestsPerMinute = requestsPerMinute, LatencyMean = latency, LatencyJitter = jitter, RequestLogLevel = LogLevel.None },
                time, NullLoggerFactory.Instance);
            var runOptions = new BatchRunOptions
            {
                JournalPath = Path.Combine(folder.FullName, "bench.journal.db"),
                Submission = options,
                CheckRepeats = checkRepeats,
                Time = time,
                Random = new Random(seed),
            };
            var (run, problem) = BatchRun.Open(input, Target.Sandbox, runOptions);
            using (run ?? throw new InvalidOperationException(problem?.Message))
            {
                using var http = new HttpClient(new BearerTokenHandler(new StaticTokenProvider("bench-token", "bench")) { InnerHandler = new SocketsHttpHandler() })
                {
                    BaseAddress = sandbox.BaseAddress,
                    Timeout = Timeout.InfiniteTimeSpan,
                };
                using var journalTime = new JournalTimeListener();
                var peaks = new Peaks();
                using var sampler = new Timer(_ => peaks.SampleThreads(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
                var startedAt = time.GetUtcNow();
                var started = time.GetTimestamp();
                var real = Stopwatch.StartNew();
                var outcome = await run.SendAsync(new PartnerCenterClient(http), peaks, CancellationToken.None);
                real.Stop();
                var wall = time.GetElapsedTime(started);
                peaks.SampleThreads();
                var (journalWall, journalSummed, journalCalls) = journalTime.Read();
                var stats = sandbox.GetStats();
                var created = sandbox.GetLedger().Select(o => o.CreatedAt - startedAt).Order().ToList();
                Console.WriteLine("orders created per 5 s: " + string.Join(" ", created.GroupBy(t => (int)(t.TotalSeconds / 5)).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key * 5}s:{g.Count()}"))));
                var succeeded = outcome.States[OrderState.Succeeded];
                if (succeeded != input.Plan!.Orders.Count)
                {
                    throw new InvalidOperationException($"Only {succeeded} of {input.Plan!.Orders.Count} orders succeeded: {string.Join(", ", outcome.States)}.");
                }

                return new BatchFigures(input.Plan!.Orders.Count, succeeded, wall, real.Elapsed, stats.TotalRequests, stats.Throttled429 + stats.StormThrottled429,
                    outcome.Submission.Attempts, journalWall, journalSummed, journalCalls, created, peaks.RequestsInFlight, peaks.Threads)
                {
                    Families = stats.Families,
                };
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The most requests in flight any progress report showed, and the most threads the process had.</summary>
    private sealed class Peaks : IProgress<SubmissionProgress>
    {
        private int _requestsInFlight;
        private int _threads;

        public int RequestsInFlight => Volatile.Read(ref _requestsInFlight);

        public int Threads => Volatile.Read(ref _threads);

        public void Report(SubmissionProgress value) => Raise(ref _requestsInFlight, value.RequestsInFlight);

        public void SampleThreads()
        {
            using var process = Process.GetCurrentProcess();
            Raise(ref _threads, process.Threads.Count);
        }

        private static void Raise(ref int peak, int value)
        {
            var seen = Volatile.Read(ref peak);
            while (value > seen && Interlocked.CompareExchange(ref peak, value, seen) is var was && was != seen)
            {
                seen = was;
            }
        }
    }
}
