namespace BatchOrders.Journal;

/// <summary>One HTTP attempt at an order, for the audit trail and "the last errors".</summary>
public sealed record JournalAttempt(
    string OrderKey,
    Guid RequestId,
    DateTimeOffset At,
    int? HttpStatus,
    string Outcome,
    string? ErrorCode,
    string? Message);
