using BatchOrders.Journal;

namespace BatchOrders.PartnerCenter;

/// <summary>The request bodies, from the journal's record of an order: exactly what was first sent, every time.</summary>
internal static class WireRequests
{
    /// <summary>An order (POST) or the add-ons of an existing order (PATCH, with each line's parent subscription), lines numbered as sent.</summary>
    public static WireOrderRequest Order(JournalOrder order, IReadOnlyList<JournalLineItem> sent) => new(
        order.CustomerId,
        order.BillingCycle,
        [.. sent.Select((l, number) => new WireLineItemRequest(
            number, l.OfferToSend, l.Quantity, l.FriendlyName, order.IsAddOn ? l.ParentSubscriptionId : null,
            l.TermDuration, l.PromotionId, l.PartnerIdOnRecord))],
        new WireAttributes("Order"));

    /// <summary>
    /// A cart: its lines numbered 0..n-1 as sent, each with the order's billing cycle, the reseller as participant,
    /// and for a new-commerce add-on its parent subscription in the provisioning context.
    /// </summary>
    public static WireCartRequest Cart(JournalOrder order, IReadOnlyList<JournalLineItem> sent) => new(
        [.. sent.Select((l, number) => new WireCartLineItemRequest(
            number, l.OfferToSend, l.Quantity, order.BillingCycle ?? "unknown", l.TermDuration, l.FriendlyName, l.PromotionId,
            l.PartnerIdOnRecord is { } partner ? [new WireParticipant("TransactionReseller", partner)] : null,
            l.ParentSubscriptionId is { } parent ? new Dictionary<string, string>(StringComparer.Ordinal) { ["ParentSubscriptionId"] = parent } : null))],
        new WireAttributes("Cart"));
}
