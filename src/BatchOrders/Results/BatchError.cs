namespace BatchOrders.Results;

/// <summary>The current error of one order: what Partner Center (or the run) last said about it.</summary>
public sealed record BatchError(
    string OrderKey,
    string CustomerId,
    string State,
    DateTimeOffset At,
    int? HttpStatus,
    string? ErrorCode,
    string Message);
