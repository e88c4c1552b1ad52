namespace BatchOrders.Submission;

/// <summary>
/// Where one operation family's gate stands, for a progress display: requests in flight and the limit on them,
/// requests sent in the last minute, the ceiling learned from the service's 429s (null until one), the cap set by
/// the user (null when none), and when sending resumes while a 429 pauses the family (null when not paused).
/// </summary>
public sealed record FamilyPace(
    OperationFamily Family,
    int InFlight,
    int Limit,
    int SentLastMinute,
    int? LearnedCeilingPerMinute,
    int? MaxRatePerMinute,
    DateTimeOffset? PausedUntil);
