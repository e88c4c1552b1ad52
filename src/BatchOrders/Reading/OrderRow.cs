namespace BatchOrders.Reading;

/// <summary>
/// One valid input row, which is one line item: values checked and normalised (GUIDs in lower case),
/// with the row's original cells in header order so results can copy every column, unknown ones too.
/// </summary>
/// <param name="Location">The sheet and the row number Excel shows.</param>
/// <param name="CustomerId">The customer's tenant id, lower case.</param>
/// <param name="OfferId">A legacy offer GUID (lower case) or a catalog id PRODUCT:SKU:AVAILABILITY (upper case).</param>
/// <param name="Quantity">How many licences, 1 or more.</param>
/// <param name="BillingCycle">The billing cycle; null for the order's default.</param>
/// <param name="FriendlyName">The subscription's name, or null.</param>
/// <param name="ParentSubscriptionId">Add-ons: the subscription the add-on attaches to (lower case), or null.</param>
/// <param name="OrderId">Add-ons: the existing order the add-on is added to, or null.</param>
/// <param name="TermDuration">The term as an ISO 8601 duration in upper case, or null.</param>
/// <param name="PromotionId">A promotion to apply, or null.</param>
/// <param name="PartnerIdOnRecord">The indirect reseller's partner id, or null.</param>
/// <param name="OrderGroup">The row's order group, or null.</param>
/// <param name="Cells">The row's cells as read, one per header, unknown columns too.</param>
public sealed record OrderRow(
    RowLocation Location,
    string CustomerId,
    string OfferId,
    int Quantity,
    BillingCycle? BillingCycle,
    string? FriendlyName,
    string? ParentSubscriptionId,
    string? OrderId,
    string? TermDuration,
    string? PromotionId,
    string? PartnerIdOnRecord,
    string? OrderGroup,
    IReadOnlyList<string> Cells)
{
    /// <summary>An add-on bought into an existing order (sent as PATCH).</summary>
    public bool IsAddOn => OrderId is not null;
}
