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

    /// <summary>HTTP requests in flight now (a cart order makes two or three in turn, an order one).</summary>
    public int RequestsInFlight { get; init; }

    /// <summary>How many requests may be in flight now: fixed by --concurrency, or adapted to the service.</summary>
    public int InFlightLimit { get; init; }

    /// <summary>Requests sent in the last minute: the pace now.</summary>
    public int RequestsLastMinute { get; init; }

    /// <summary>The ceiling in requests per minute learned from the service's 429s; null until it throttles.</summary>
    public int? LearnedCeilingPerMinute { get; init; }

    /// <summary>The ceiling set with --max-rate; null when none.</summary>
    public int? MaxRatePerMinute { get; init; }
}
