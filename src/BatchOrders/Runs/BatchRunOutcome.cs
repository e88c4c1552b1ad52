using BatchOrders.Journal;
using BatchOrders.Submission;

namespace BatchOrders.Runs;

/// <summary>What sending did: what synchronising found, what the submission did, the journal's states afterwards, and how the run ended.</summary>
public sealed record BatchRunOutcome(SyncReport Sync, SubmissionResult Submission, IReadOnlyDictionary<OrderState, int> States, BatchRunStatus Status)
{
    /// <summary>Orders still to send or to confirm: a rerun resumes them.</summary>
    public int Remaining => States[OrderState.Pending] + States[OrderState.Sending];
}
