using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// What the repeat check found: the planned orders that repeat a recent order, or, when some customer's orders
/// could not be read (<see cref="Failure"/>), nothing — without the check nothing is sent.
/// </summary>
public sealed record RepeatCheckResult(IReadOnlyList<RepeatedOrder> Repeats, PartnerCenterError? Failure);
