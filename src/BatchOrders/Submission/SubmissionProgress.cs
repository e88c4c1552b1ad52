namespace BatchOrders.Submission;

/// <summary>Where a run stands, for the progress display: counts so far and whether the service is throttling.</summary>
public sealed record SubmissionProgress(
    int Total,
    int Succeeded,
    int Failed,
    int Unresolved,
    int InFlight,
    int Retries,
    int Throttled,
    DateTimeOffset? PausedUntil)
{
    public int Done => Succeeded + Failed + Unresolved;
}
