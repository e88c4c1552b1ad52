using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Submission;

namespace BatchOrders.Runs;

/// <summary>What sending did: what synchronising found, what the submission did, the journal's states afterwards, and how the run ended.</summary>
public sealed record BatchRunOutcome(SyncReport Sync, SubmissionResult Submission, IReadOnlyDictionary<OrderState, int> States, BatchRunStatus Status)
{
    /// <summary>Orders still to send or to confirm: a rerun resumes them.</summary>
    public int Remaining => States[OrderState.Pending] + States[OrderState.Sending];

    /// <summary>With <see cref="BatchRunOptions.CheckRepeats"/>: the planned orders that repeat recent orders (none sent), in the order of their rows.</summary>
    public IReadOnlyList<RepeatedOrder> Repeats { get; init; } = [];

    /// <summary>With <see cref="BatchRunOptions.CheckRepeats"/>: why some customer's orders could not be read (its orders were not sent, and the batch stopped); null when all were.</summary>
    public PartnerCenterError? RepeatCheckFailure { get; init; }
}
