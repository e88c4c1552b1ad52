namespace BatchOrders.Submission;

/// <summary>
/// A planned order that repeats an order the customer already has, placed recently and not by this journal: the
/// same offers, quantities, billing cycle and terms. It is not sent unless the user says so.
/// </summary>
public sealed record RepeatedOrder(
    string OrderKey,
    string CustomerId,
    IReadOnlyList<string> Offers,
    IReadOnlyList<int> Rows,
    string ExistingOrderId,
    DateTimeOffset? ExistingCreatedAt);
