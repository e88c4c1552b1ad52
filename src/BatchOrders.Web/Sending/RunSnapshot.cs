using BatchOrders.Runs;
using BatchOrders.Submission;

namespace BatchOrders.Web.Sending;

/// <summary>
/// A run of the page as it stands: its phase, the latest progress, the sign-in message to show, the repeats that
/// stopped it, and how it ended. Immutable: the page reads one while the run makes the next.
/// </summary>
public sealed record RunSnapshot
{
    /// <summary>The batch.</summary>
    public required string BatchId { get; init; }

    /// <summary>Where the run is.</summary>
    public required RunPhase Phase { get; init; }

    /// <summary>Where the run sends.</summary>
    public required Target Target { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Orders in the batch's plan.</summary>
    public int PlannedOrders { get; init; }

    /// <summary>The latest progress of sending; null before the first.</summary>
    public SubmissionProgress? Progress { get; init; }

    /// <summary>When sending began (after sign-in and the repeat check), for the rate.</summary>
    public DateTimeOffset? SendingSince { get; init; }

    /// <summary>The device-code sign-in's message (the code and where to enter it); never a token.</summary>
    public string? SignInMessage { get; init; }

    /// <summary>The planned orders that repeat recent ones: nothing was sent.</summary>
    public IReadOnlyList<RepeatedOrder> Repeats { get; init; } = [];

    /// <summary>Why the run could not start or stopped, in words; null when none.</summary>
    public string? Problem { get; init; }

    /// <summary>How sending ended; null until it did.</summary>
    public BatchRunResult? Result { get; init; }

    /// <summary>True once the run has ended.</summary>
    public bool HasEnded => Phase == RunPhase.Ended;
}
