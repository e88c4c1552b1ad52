namespace BatchOrders.Journal;

/// <summary>A planned order whose rows changed after the order for the same slot succeeded: it is not sent.</summary>
public sealed record OrderConflict(string OrderKey, string CustomerId, IReadOnlyList<int> Rows, string Message);
