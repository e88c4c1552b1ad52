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
    /// <summary>Orders with an outcome this run: succeeded, failed or left without a definitive answer.</summary>
    public int Done => Succeeded + Failed + Unresolved;
}
