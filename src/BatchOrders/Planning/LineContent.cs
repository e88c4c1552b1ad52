using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// What a line item orders, and nothing about where it stands in the file: the unit of an order's identity
/// (docs/ARCHITECTURE.md, "Resume"). Orders sort their line items by it, so sorting, moving or re-saving a file
/// never changes an order's key or its line numbers, and a line bought in one version of an order is recognised
/// in the next. <see cref="SameOffer"/> is the line's identity within its order: the same offer for the same parent.
/// </summary>
internal readonly record struct LineContent(
    string OfferId,
    int Quantity,
    string? FriendlyName,
    string? ParentSubscriptionId,
    string? TermDuration,
    string? PromotionId,
    string? PartnerIdOnRecord) : IComparable<LineContent>
{
    /// <summary>
    /// The content of a checked row, whose values the reader already gave one spelling each (GUIDs in lower case,
    /// catalog ids and terms in upper case), so contents compare ordinally.
    /// </summary>
    public static LineContent Of(OrderRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new LineContent(row.OfferId, row.Quantity, row.FriendlyName, row.ParentSubscriptionId, row.TermDuration, row.PromotionId, row.PartnerIdOnRecord);
    }

    /// <summary>Whether <paramref name="other"/> orders the same offer for the same parent subscription, whatever its quantity or terms.</summary>
    public bool SameOffer(LineContent other) =>
        string.Equals(OfferId, other.OfferId, StringComparison.Ordinal) &&
        string.Equals(ParentSubscriptionId, other.ParentSubscriptionId, StringComparison.Ordinal);

    /// <summary>The canonical order of line items: by offer, parent, quantity, term, promotion, partner, name (ordinal).</summary>
    public int CompareTo(LineContent other)
    {
        var order = string.CompareOrdinal(OfferId, other.OfferId);
        if (order == 0) order = string.CompareOrdinal(ParentSubscriptionId, other.ParentSubscriptionId);
        if (order == 0) order = Quantity.CompareTo(other.Quantity);
        if (order == 0) order = string.CompareOrdinal(TermDuration, other.TermDuration);
        if (order == 0) order = string.CompareOrdinal(PromotionId, other.PromotionId);
        if (order == 0) order = string.CompareOrdinal(PartnerIdOnRecord, other.PartnerIdOnRecord);
        return order == 0 ? string.CompareOrdinal(FriendlyName, other.FriendlyName) : order;
    }
}
