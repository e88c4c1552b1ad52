using System.Diagnostics;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Sandbox;
using BatchOrders.Submission;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Benchmarks.Submission;

/// <summary>
/// One batch sent the way <c>submit</c> sends it (read, plan, journal, <see cref="BatchRun"/>), to an in-process
/// sandbox with a rate limit and latency, from a fresh journal in a temporary folder.
/// </summary>
internal static class SandboxBatch
{
    public static async Task<BatchFigures> RunAsync(string csv, int requestsPerMinute, TimeSpan latency, SubmissionOptions options, TimeProvider time, int seed)
    {
        var read = SpreadsheetReader.Read(csv);
        var plan = OrderPlanner.Plan(csv, read.Rows);
        if (!read.IsValid || plan.Errors.Count > 0)
        {
            throw new InvalidOperationException($"{csv}: the generated orders are not valid ({read.Errors.Count} row errors, {plan.Errors.Count} plan errors).");
        }

        var folder = Directory.CreateTempSubdirectory("batchorders-bench-submit-");
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(
                new SandboxOptions { Seed = seed, RequestsPerMinute = requestsPerMinute, LatencyMean = latency, RequestLogLevel = LogLevel.None },
                time, NullLoggerFactory.Instance);
            var (journal, problem) = BatchJournal.Open(Path.Combine(folder.FullName, "bench.journal.db"), time);
            using (journal ?? throw new InvalidOperationException(problem))
            {
                var sha = BatchJournal.HashFile(csv);
                if (journal.Bind(csv, sha, read.Sheet, read.Headers, BatchJournal.SandboxTarget) is { } bindProblem)
                {
                    throw new InvalidOperationException(bindProblem);
                }

                using var http = new HttpClient(new BearerTokenHandler(new StaticTokenProvider("bench-token", "bench")) { InnerHandler = new SocketsHttpHandler() })
                {
                    BaseAddress = sandbox.BaseAddress,
                    Timeout = Timeout.InfiniteTimeSpan,
                };
                var submitter = new BatchSubmitter(journal, new PartnerCenterClient(http), options, time, new Random(seed));
                using var journalTime = new JournalTimeListener();
                var started = time.GetTimestamp();
                var real = Stopwatch.StartNew();
                var outcome = await new BatchRun(journal, submitter).ExecuteAsync(read, plan, sha, retryFailed: false, progress: null, CancellationToken.None);
                real.Stop();
                var wall = time.GetElapsedTime(started);
                var (journalMs, journalCalls) = journalTime.Read();
                var stats = sandbox.GetStats();
                var succeeded = outcome.States[OrderState.Succeeded];
                if (succeeded != plan.Orders.Count)
                {
                    throw new InvalidOperationException($"Only {succeeded} of {plan.Orders.Count} orders succeeded: {string.Join(", ", outcome.States)}.");
                }

                return new BatchFigures(plan.Orders.Count, succeeded, wall, real.Elapsed, stats.TotalRequests, stats.Throttled429 + stats.StormThrottled429,
                    outcome.Submission.Attempts, journalMs, journalCalls);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
