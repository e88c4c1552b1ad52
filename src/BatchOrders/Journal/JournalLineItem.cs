namespace BatchOrders.Journal;

/// <summary>One line item as the journal keeps it, so an order is always re-sent exactly as it was first sent.</summary>
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
    string? SubscriptionId = null);
