namespace BatchOrders.Sandbox;

/// <summary>
/// The sandbox's seeded decision for one request, numbered in arrival order: the same seed and the same sequence
/// of requests give the same decisions, so a failing run can be replayed.
/// </summary>
public sealed record FaultDecision(long Sequence, string Method, string Path, FaultKind Fault, TimeSpan Latency)
{
    /// <summary>The operation family whose window the request counted against.</summary>
    public ThrottleFamily Family { get; init; }
}
