namespace BatchOrders.Reading;

/// <summary>The columns BatchOrders understands; any other column is kept and copied through.</summary>
internal enum InputColumn
{
    /// <summary>The customer's tenant id.</summary>
    CustomerId,

    /// <summary>The offer to buy.</summary>
    OfferId,

    /// <summary>How many licences.</summary>
    Quantity,

    /// <summary>How often the order is billed.</summary>
    BillingCycle,

    /// <summary>The subscription's name.</summary>
    FriendlyName,

    /// <summary>Add-ons: the subscription the add-on attaches to.</summary>
    ParentSubscriptionId,

    /// <summary>Add-ons: the existing order the add-on is added to.</summary>
    OrderId,

    /// <summary>The term as an ISO 8601 duration.</summary>
    TermDuration,

    /// <summary>A promotion to apply.</summary>
    PromotionId,

    /// <summary>The indirect reseller's partner id.</summary>
    PartnerIdOnRecord,

    /// <summary>A label that splits one customer's rows into separate orders.</summary>
    OrderGroup,
}
