namespace BatchOrders.Journal;

/// <summary>What synchronising a plan with the journal found: what is new, done, held back or in conflict.</summary>
public sealed record SyncReport(
    int NewOrders,
    int AlreadySucceeded,
    int FailedKept,
    int FailedRetried,
    int InFlight,
    int Held,
    int Superseded,
    IReadOnlyList<OrderConflict> Conflicts);
