namespace BatchOrders.Reading;

/// <summary>The columns BatchOrders understands; any other column is kept and copied through.</summary>
public enum InputColumn
{
    CustomerId,
    OfferId,
    Quantity,
    BillingCycle,
    FriendlyName,
    ParentSubscriptionId,
    OrderId,
    TermDuration,
    PromotionId,
    PartnerIdOnRecord,
    OrderGroup,
}
