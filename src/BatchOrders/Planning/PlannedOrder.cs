using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// One order to send: a customer, a billing cycle, and for add-ons the existing order they are added to.
/// <see cref="OrderKey"/> is the same on every run for the same input, so a rerun recognises the order;
/// <see cref="GroupKey"/> names the slot it fills (customer, billing cycle, target order, group, part) whatever its
/// content, so a rerun also recognises a changed version of an order.
/// </summary>
public sealed record PlannedOrder(
    string OrderKey,
    string GroupKey,
    string CustomerId,
    BillingCycle? BillingCycle,
    string? OrderId,
    string? OrderGroup,
    int Part,
    IReadOnlyList<PlannedLineItem> LineItems)
{
    /// <summary>Add-ons go to an existing order (PATCH); everything else creates a new order (POST).</summary>
    public bool IsAddOn => OrderId is not null;
}
