using System.Diagnostics;
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
/// sandbox with a rate limit and latency, from a fresh journal in a temporary folder.
/// </summary>
internal static class SandboxBatch
{
    public static async Task<BatchFigures> RunAsync(string csv, int requestsPerMinute, TimeSpan latency, SubmissionOptions options, TimeProvider time, int seed)
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
                new SandboxOptions { Seed = seed, RequestsPerMinute = requestsPerMinute, LatencyMean = latency, RequestLogLevel = LogLevel.None },
                time, NullLoggerFactory.Instance);
            var runOptions = new BatchRunOptions
            {
                JournalPath = Path.Combine(folder.FullName, "bench.journal.db"),
                Submission = options,
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
                var started = time.GetTimestamp();
                var real = Stopwatch.StartNew();
                var outcome = await run.SendAsync(new PartnerCenterClient(http), progress: null, CancellationToken.None);
                real.Stop();
                var wall = time.GetElapsedTime(started);
                var (journalMs, journalCalls) = journalTime.Read();
                var stats = sandbox.GetStats();
                var succeeded = outcome.States[OrderState.Succeeded];
                if (succeeded != input.Plan!.Orders.Count)
                {
                    throw new InvalidOperationException($"Only {succeeded} of {input.Plan!.Orders.Count} orders succeeded: {string.Join(", ", outcome.States)}.");
                }

                return new BatchFigures(input.Plan!.Orders.Count, succeeded, wall, real.Elapsed, stats.TotalRequests, stats.Throttled429 + stats.StormThrottled429,
                    outcome.Submission.Attempts, journalMs, journalCalls);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
