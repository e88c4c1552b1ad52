using BatchOrders.Journal;
using BatchOrders.Submission;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Submission;

/// <summary>
/// An order whose answer was lost, rerun after the service forgot its request id: read back from the customer's
/// orders and never resent. The control case shows what the read-back prevents.
/// </summary>
public sealed class StaleAnswerTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromMilliseconds(300);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("order")]
    [InlineData("cart")]
    public async Task A_lost_answer_rerun_after_the_service_forgot_its_request_id_is_found_among_the_customers_orders_and_not_bought_again(string path)
    {
        await using var sandbox = await ForgetfulSandbox();
        var file = Batch(path);

        var first = await SubmissionExactlyOnceTests.Run(sandbox, file, OneAttempt);
        await Task.Delay(Retention * 3);
        var late = await SubmissionExactlyOnceTests.Run(sandbox, file, SubmissionExactlyOnceTests.FastRetries with { StaleAfter = TimeSpan.FromMilliseconds(100) });

        Assert.True(first.States[OrderState.Sending] > 0, "no answer was lost: the test did not test anything");
        Assert.Equal((10, 0), (late.States[OrderState.Succeeded], late.Remaining));
        Assert.Equal(10, sandbox.GetLedger().Count);
        using var journal = Journal(file);
        var ledgerIds = sandbox.GetLedger().Select(o => o.OrderId).ToHashSet();
        Assert.All(journal.GetOrders().SelectMany(o => o.LineItems), l => Assert.Contains(l.PartnerOrderId!, ledgerIds));
    }

    [Fact]
    public async Task Without_the_read_back_the_same_late_rerun_orders_again_which_is_what_it_prevents()
    {
        await using var sandbox = await ForgetfulSandbox();
        var file = Batch("order");

        await SubmissionExactlyOnceTests.Run(sandbox, file, OneAttempt);
        await Task.Delay(Retention * 3);
        await SubmissionExactlyOnceTests.Run(sandbox, file, SubmissionExactlyOnceTests.FastRetries with { StaleAfter = TimeSpan.FromDays(30) });

        Assert.True(sandbox.GetLedger().Count > 10, "the forgotten request ids were not reused: the control case shows nothing");
    }

    private static SubmissionOptions OneAttempt => SubmissionExactlyOnceTests.FastRetries with { MaxAttemptsPerOrder = 1 };

    /// <summary>Every answer of the first 10 requests lost after the commit; request ids remembered for 300 ms only.</summary>
    private static Task<SandboxServer> ForgetfulSandbox() => SandboxServer.StartAsync(new SandboxOptions
    {
        Seed = 77, RequestsPerMinute = 0, AnswerLostRate = 1.0, FaultLimit = 10, IdempotencyRetention = Retention, RequestLogLevel = LogLevel.None,
    });

    private string Batch(string path) => path == "cart"
        ? OrderFiles.WriteNewCommerce(_folder, "stale-carts.csv", 10, seed: 41)
        : OrderFiles.Write(_folder, "stale-orders.csv", 10, seed: 42);

    private static BatchJournal Journal(string path)
    {
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        return journal!;
    }
}
