using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// One order to send: a customer, a billing cycle, and for add-ons the existing order they are added to, bought by
/// its <see cref="Path"/>. <see cref="OrderKey"/> is the same on every run for the same line items, so a rerun
/// recognises the order; <see cref="GroupKey"/> names the slot it fills (customer, billing cycle, target order, group,
/// part) whatever its content, and <see cref="FamilyKey"/> the group all its parts and paths share, so a rerun also
/// recognises a changed version of an order and the lines an earlier version bought.
/// </summary>
public sealed record PlannedOrder(
    string OrderKey,
    string GroupKey,
    string FamilyKey,
    PurchasePath Path,
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
