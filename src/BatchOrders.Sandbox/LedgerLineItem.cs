namespace BatchOrders.Sandbox;

/// <summary>A line item the sandbox accepted, with the subscription it issued for it.</summary>
public sealed record LedgerLineItem(
    int LineItemNumber,
    string OfferId,
    int Quantity,
    string? FriendlyName,
    Guid? ParentSubscriptionId,
    Guid SubscriptionId,
    string? TermDuration,
    string? PromotionId,
    string? PartnerIdOnRecord);
