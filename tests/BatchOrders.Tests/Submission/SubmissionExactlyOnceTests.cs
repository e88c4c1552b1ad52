using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Runs;
using BatchOrders.Sandbox;
using BatchOrders.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Submission;

public sealed class SubmissionExactlyOnceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_thousand_orders_through_5xx_hangs_lost_answers_and_429_storms_are_each_created_exactly_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Seed = 2026,
            RequestsPerMinute = 0,
            ServerErrorRate = 0.05,
            ServiceUnavailableRate = 0.05,
            HangRate = 0.05,
            AnswerLostRate = 0.03,
            StormRate = 0.004,
            StormDuration = TimeSpan.FromSeconds(1),
            RequestLogLevel = LogLevel.None,
        });
        var path = OrderFiles.Write(_folder, "thousand.csv", 1000);

        var outcome = await Run(sandbox, path, FastRetries with { Concurrency = 16 });

        Assert.Equal((1000, 0), (outcome.States[OrderState.Succeeded], outcome.Remaining));
        var stats = sandbox.GetStats();
        Assert.True(stats.FaultsInjected.Values.Sum() > 100, $"faults injected: {string.Join(", ", stats.FaultsInjected)}");
        Assert.True(stats.Throttled429 + stats.StormThrottled429 > 0, "no 429 was sent");
        AssertLedgerMatchesJournal(sandbox, path, expectedOrders: 1000);
    }

    [Fact]
    public async Task A_rerun_after_a_run_cut_short_sends_nothing_twice_and_misses_nothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Seed = 11, RequestsPerMinute = 0, AnswerLostRate = 0.2, HangRate = 0.1, RequestLogLevel = LogLevel.None,
        });
        var path = OrderFiles.Write(_folder, "cut.csv", 120);

        // Few attempts per order: many orders end the first run unresolved, with requests that may have been processed.
        var first = await Run(sandbox, path, FastRetries with { MaxAttemptsPerOrder = 1 });
        Assert.True(first.States[OrderState.Sending] > 0, "the first run should leave orders in flight");

        var second = await Run(sandbox, path, FastRetries);

        Assert.Equal((120, 0), (second.States[OrderState.Succeeded], second.Remaining));
        AssertLedgerMatchesJournal(sandbox, path, expectedOrders: 120);
    }

    internal static SubmissionOptions FastRetries { get; } = new()
    {
        Concurrency = 8,
        AttemptTimeout = TimeSpan.FromMilliseconds(400),
        MaxAttemptsPerOrder = 40,
        MaxTimePerOrder = TimeSpan.FromMinutes(2),
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        DefaultThrottleWait = TimeSpan.FromMilliseconds(200),
        MaxThrottleWait = TimeSpan.FromSeconds(2),
    };

    /// <summary>The sandbox's ledger holds each order of the batch of <paramref name="path"/> once, as its journal recorded it.</summary>
    internal static void AssertLedgerMatchesJournal(SandboxServer sandbox, string path, int expectedOrders)
    {
        using var journal = OpenJournal(path);
        var created = sandbox.GetLedger().Where(o => o.Kind == LedgerOrder.CreateKind).ToList();
        var duplicates = created.GroupBy(o => o.CustomerId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.Equal(expectedOrders, created.Count);

        var journaled = journal.GetOrders(OrderState.Succeeded).ToDictionary(o => Guid.Parse(o.CustomerId));
        Assert.Equal(expectedOrders, journaled.Count);
        foreach (var entry in created)
        {
            var order = journaled[entry.CustomerId];
            Assert.Equal(entry.OrderId, order.PartnerOrderId);
            Assert.Equal(entry.RequestId, order.RequestId);
            Assert.Equal(entry.CorrelationId, order.CorrelationId);
            Assert.Equal(entry.LineItems[0].SubscriptionId.ToString(), order.LineItems[0].SubscriptionId);
        }
    }

    /// <summary>Sends the batch of <paramref name="path"/> through the library's entry point, as submit does, to the sandbox.</summary>
    internal static async Task<BatchRunOutcome> Run(SandboxServer sandbox, string path, SubmissionOptions options, CancellationToken stop = default)
    {
        var input = BatchInput.Load(path, cancellationToken: CancellationToken.None);
        Assert.True(input.IsValid, Reading.CsvReadingTests.Describe(input.Read));
        var (run, problem) = BatchRun.Open(input, Target.Sandbox, new BatchRunOptions { Submission = options, Random = new Random(5) });
        Assert.Null(problem);
        using (run)
        {
            using var http = Http(sandbox);
            return await run!.SendAsync(new PartnerCenterClient(http), progress: null, stop);
        }
    }

    /// <summary>An HttpClient to the sandbox as the CLI builds one: a bearer token, no HttpClient time-out (the pipeline has its own).</summary>
    internal static HttpClient Http(SandboxServer sandbox) =>
        new(new BearerTokenHandler(new StaticTokenProvider("test-token", "test")) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = sandbox.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private static BatchJournal OpenJournal(string path)
    {
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        return journal!;
    }
}
