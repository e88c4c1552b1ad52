using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// One order to send: a customer, a billing cycle, and for add-ons the existing order they are added to.
/// <see cref="OrderKey"/> is the same on every run for the same input, so a rerun recognises the order.
/// </summary>
public sealed record PlannedOrder(
    string OrderKey,
    string CustomerId,
    BillingCycle? BillingCycle,
    string? OrderId,
    string? OrderGroup,
    IReadOnlyList<PlannedLineItem> LineItems)
{
    /// <summary>Add-ons go to an existing order (PATCH); everything else creates a new order (POST).</summary>
    public bool IsAddOn => OrderId is not null;
}
