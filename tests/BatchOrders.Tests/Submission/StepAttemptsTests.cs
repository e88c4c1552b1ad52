using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace BatchOrders.Tests.Submission;

public sealed class StepAttemptsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_attempts_time_runs_from_when_it_leaves_the_gate_so_a_429_pause_spent_waiting_is_no_attempt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var options = new SubmissionOptions { AttemptTimeout = TimeSpan.FromSeconds(60) };
        using var gates = new ThrottleGates(options, time);
        var gate = gates.Gate(OperationFamily.OrderWrites);
        var (journal, problem) = BatchJournal.Open(_folder.File("orders.csv.journal.db"), time);
        Assert.Null(problem);
        using var _ = journal;
        var attempts = new StepAttempts(journal!, options, time, ResiliencePipeline<AttemptOutcome>.Empty, gates,
            new SubmissionCounters(1, gates, [OperationFamily.OrderWrites], null), CancellationToken.None);

        // Another request was throttled: every request waits 90 s at the gate.
        using (var throttled = await gate.EnterAsync(CancellationToken.None))
        {
            throttled.Throttled(TimeSpan.FromSeconds(90));
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answering = new TaskCompletionSource<AttemptOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var step = attempts.RunAsync(OperationFamily.OrderWrites, "customer", null, Guid.NewGuid(), token =>
        {
            token.Register(() => answering.TrySetCanceled(token));
            started.SetResult();
            return answering.Task;
        });

        time.Advance(TimeSpan.FromSeconds(90));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(30));
        answering.TrySetResult(new AttemptOutcome.Succeeded(201, "order-1", new Dictionary<int, string>()));
        var result = await step;

        // 120 s after it began, 30 s after it left the gate: answered, not timed out.
        Assert.IsType<AttemptOutcome.Succeeded>(result.Outcome);
        Assert.False(result.AnswerUnknown);
    }
}
