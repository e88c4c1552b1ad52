namespace BatchOrders.Reading;

/// <summary>
/// One valid input row, which is one line item: values checked and normalised (GUIDs in lower case),
/// with the row's original cells in header order so results can copy every column, unknown ones too.
/// </summary>
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
