namespace BatchOrders.Reading;

/// <summary>
/// One valid row as a <see cref="RowStore"/> keeps it: the checked values that were normalised (shared strings),
/// and where its text is. Its cells and its values written as they are in a cell (FriendlyName, OrderId,
/// PromotionId, PartnerIdOnRecord, OrderGroup) are segments of its block's text: a field is where its segment
/// starts, counted from the row's start, -1 when it has no value.
/// </summary>
internal struct StoredRow
{
    /// <summary>The row number Excel shows.</summary>
    public int Number;

    /// <summary>Where the row's first segment starts in its block's text.</summary>
    public int Text;

    public int Quantity;

    /// <summary>How many of the row's segments are its cells, from its start (a row a caller made has none: its segments are its text fields).</summary>
    public int CellCount;

    public int FriendlyName;
    public int OrderId;
    public int PromotionId;
    public int PartnerIdOnRecord;
    public int OrderGroup;

    public BillingCycle? BillingCycle;
    public string CustomerId;
    public string OfferId;
    public string? ParentSubscriptionId;
    public string? TermDuration;

    /// <summary>An add-on bought into an existing order (sent as PATCH).</summary>
    public readonly bool IsAddOn => OrderId >= 0;
}
