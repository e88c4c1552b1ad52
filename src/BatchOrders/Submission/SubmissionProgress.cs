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

    /// <summary>HTTP requests in flight now, of every family (a cart order makes two or three in turn, an order one).</summary>
    public int RequestsInFlight { get; init; }

    /// <summary>How many of the orders' requests (order writes, carts, checkouts) may be in flight now: fixed by --concurrency, or adapted to the service.</summary>
    public int InFlightLimit { get; init; }

    /// <summary>The orders' requests (order writes, carts, checkouts) sent in the last minute: their pace now.</summary>
    public int RequestsLastMinute { get; init; }

    /// <summary>The orders' ceilings in requests per minute learned from the service's 429s, added up over their families; null until one throttles.</summary>
    public int? LearnedCeilingPerMinute { get; init; }

    /// <summary>The ceiling set with --max-rate (per write family); null when none.</summary>
    public int? MaxRatePerMinute { get; init; }

    /// <summary>Each operation family's pace, for the families this run has sent to (docs/ARCHITECTURE.md, "Throughput").</summary>
    public IReadOnlyList<FamilyPace> Families { get; init; } = [];

    /// <summary>The repeat check beside the orders: how far it is; null when the run does not check.</summary>
    public RepeatCheckProgress? RepeatCheck { get; init; }
}
