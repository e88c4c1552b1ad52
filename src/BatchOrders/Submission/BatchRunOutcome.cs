using BatchOrders.Journal;

namespace BatchOrders.Submission;

/// <summary>A whole run: what synchronising found, what sending did, and the journal's states afterwards.</summary>
public sealed record BatchRunOutcome(SyncReport Sync, SubmissionResult Submission, IReadOnlyDictionary<OrderState, int> States)
{
    /// <summary>Orders still to send or to confirm: a rerun resumes them.</summary>
    public int Remaining => States[OrderState.Pending] + States[OrderState.Sending];
}
