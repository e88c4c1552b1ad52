using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;

namespace BatchOrders.Submission;

/// <summary>
/// One run of a batch against the journal: synchronise the plan (before anything is sent), send the work — in-flight
/// orders from an earlier run first, then pending ones — and, when a new version of an order waited for an in-flight
/// one, synchronise again so it is sent or reported as a conflict according to that outcome.
/// </summary>
public sealed class BatchRun(BatchJournal journal, BatchSubmitter submitter)
{
    public async Task<BatchRunOutcome> ExecuteAsync(ReadResult read, OrderPlan plan, string inputSha256, bool retryFailed,
        IProgress<SubmissionProgress>? progress, CancellationToken stop)
    {
        var sync = journal.Synchronize(read, plan, inputSha256, retryFailed);
        var result = await submitter.SubmitAsync(journal.GetWork(), progress, stop);

        if (sync.Held > 0 && !stop.IsCancellationRequested && result.AuthenticationFailure is null)
        {
            sync = journal.Synchronize(read, plan, inputSha256, retryFailed);
            var released = journal.GetWork().Where(o => o.State == OrderState.Pending).ToList();
            if (released.Count > 0)
            {
                var more = await submitter.SubmitAsync(released, progress, stop);
                result = Combine(result, more);
            }
        }

        return new BatchRunOutcome(sync, result, journal.CountByState());
    }

    private static SubmissionResult Combine(SubmissionResult a, SubmissionResult b) => new(
        a.Succeeded + b.Succeeded, a.Failed + b.Failed, a.Unresolved + b.Unresolved, a.NotStarted + b.NotStarted,
        a.Attempts + b.Attempts, a.Throttled + b.Throttled, a.Interrupted || b.Interrupted, a.AuthenticationFailure ?? b.AuthenticationFailure);
}
