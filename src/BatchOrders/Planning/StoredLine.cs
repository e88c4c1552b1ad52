using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// A stored row's line item as its <see cref="LineContent"/> would order it, compared on the stored text without
/// making strings: offer, parent, quantity, term, promotion, partner, name (ordinal; a missing value first).
/// </summary>
internal readonly struct StoredLine(RowStore rows, int index) : IComparable<StoredLine>
{
    public int CompareTo(StoredLine other)
    {
        ref readonly var row = ref rows.Row(index);
        ref readonly var that = ref rows.Row(other.Index);
        var order = string.CompareOrdinal(row.OfferId, that.OfferId);
        if (order == 0) order = string.CompareOrdinal(row.ParentSubscriptionId, that.ParentSubscriptionId);
        if (order == 0) order = row.Quantity.CompareTo(that.Quantity);
        if (order == 0) order = string.CompareOrdinal(row.TermDuration, that.TermDuration);
        if (order == 0) order = CompareField(row.PromotionId, other, that.PromotionId);
        if (order == 0) order = CompareField(row.PartnerIdOnRecord, other, that.PartnerIdOnRecord);
        return order == 0 ? CompareField(row.FriendlyName, other, that.FriendlyName) : order;
    }

    private int Index => index;

    /// <summary>As <see cref="string.CompareOrdinal(string, string)"/> compares the fields' strings, null (a negative field) first.</summary>
    private int CompareField(int field, StoredLine other, int otherField) => (field < 0, otherField < 0) switch
    {
        (true, true) => 0,
        (true, false) => -1,
        (false, true) => 1,
        _ => rows.Field(index, field).SequenceCompareTo(rows.Field(other.Index, otherField)),
    };
}
