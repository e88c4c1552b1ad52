namespace BatchOrders.Sandbox;

/// <summary>
/// Counters of what the sandbox answered since it started. Outcomes are keyed by HTTP status code
/// (<c>"201"</c>, <c>"429"</c>…) or <c>"aborted"</c> for a connection the sandbox dropped; faults by
/// <see cref="FaultKind"/> name in camelCase, plus <c>"latency"</c> for requests it delayed and
/// <c>"orderGroupRefused"</c> for order groups refused at checkout by <see cref="SandboxOptions.OrderGroupRefusalRate"/>.
/// <see cref="OrdersCreated"/> counts orders from <c>POST …/orders</c> and from checkouts alike. <see cref="Families"/>
/// counts requests and 429s per <see cref="ThrottleFamily"/>, keyed by its name in camelCase (<c>"orderWrites"</c>,
/// <c>"carts"</c>, <c>"checkout"</c>, <c>"reads"</c>).
/// </summary>
public sealed record SandboxStats(
    long TotalRequests,
    IReadOnlyDictionary<string, long> RequestsByOutcome,
    long Throttled429,
    long StormThrottled429,
    IReadOnlyDictionary<string, long> FaultsInjected,
    long IdempotentReplays,
    long OrdersCreated,
    long OrdersPatched,
    long CartsCreated,
    long CartsCheckedOut,
    IReadOnlyDictionary<string, FamilyStats> Families);
