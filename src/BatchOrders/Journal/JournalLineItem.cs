using BatchOrders.Planning;

namespace BatchOrders.Journal;

/// <summary>
/// One line item as the journal keeps it, so an order is always re-sent exactly as it was first sent, and what
/// became of it: bought (<see cref="PartnerOrderId"/>, <see cref="SubscriptionId"/>) or refused
/// (<see cref="ErrorCode"/>, <see cref="ErrorMessage"/>). A bought line is never sent again; one another version of
/// the order bought names that version and its line in <see cref="AdoptedFrom"/> and <see cref="AdoptedLine"/>, so a
/// purchase is counted once. <see cref="SentOfferId"/> is the catalog item id sent instead of the sheet's, when the
/// preflight resolved a stale or missing availability to today's: the id actually bought.
/// </summary>
public sealed record JournalLineItem(
    int LineItemNumber,
    string OfferId,
    int Quantity,
    string? FriendlyName,
    string? ParentSubscriptionId,
    string? TermDuration,
    string? PromotionId,
    string? PartnerIdOnRecord,
    string? Sheet,
    int Row,
    string? SubscriptionId = null,
    string? PartnerOrderId = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    string? AdoptedFrom = null,
    int? AdoptedLine = null,
    string? CartOrderGroup = null,
    string? SentOfferId = null)
{
    /// <summary>The offer id the request carries: today's catalog item id the preflight resolved, else the sheet's.</summary>
    public string OfferToSend => SentOfferId ?? OfferId;

    /// <summary>The purchase this line stands for: its own, or the one it took over from another version of its order.</summary>
    internal (string OrderKey, int Line) PurchaseOf(string ownOrderKey) => AdoptedFrom is null ? (ownOrderKey, LineItemNumber) : (AdoptedFrom, AdoptedLine ?? -1);

    /// <summary>Partner Center created it: never sent again.</summary>
    public bool IsBought => PartnerOrderId is not null;

    /// <summary>What the line orders, in the reader's spelling, to recognise it in another version of its order.</summary>
    internal LineContent Content => new(
        Guid.TryParse(OfferId, out var offer) ? offer.ToString("D") : OfferId,
        Quantity, FriendlyName, ParentSubscriptionId, TermDuration, PromotionId, PartnerIdOnRecord);
}
