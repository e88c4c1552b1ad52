using BatchOrders.Sandbox.Orders;

namespace BatchOrders.Sandbox.Subscriptions;

/// <summary>A <c>Subscription</c> as Partner Center answers it (serialized camelCase; absent values left out).</summary>
internal sealed record SubscriptionResource(
    Guid Id,
    Guid EntitlementId,
    string OfferId,
    string OfferName,
    string? FriendlyName,
    ProductTypeReference ProductType,
    int Quantity,
    string UnitType,
    Guid? ParentSubscriptionId,
    DateTime CreationDate,
    DateTime EffectiveStartDate,
    DateTime CommitmentEndDate,
    string Status,
    bool AutoRenewEnabled,
    string BillingType,
    string BillingCycle,
    string? TermDuration,
    bool IsTrial,
    string? PromotionId,
    string? PartnerId,
    string ContractType,
    string OrderId,
    SubscriptionLinks Links,
    ResourceAttributes Attributes);

internal sealed record ProductTypeReference(string Id, string DisplayName);

internal sealed record SubscriptionLinks(ResourceLink? Offer, ResourceLink? Product, ResourceLink? Sku, ResourceLink? ParentSubscription, ResourceLink Self);

/// <summary><c>SubscriptionProvisioningStatus</c>.</summary>
internal sealed record SubscriptionProvisioningStatusResource(Guid SkuId, string Status, int Quantity, DateTime EndDate, ResourceAttributes Attributes);

/// <summary>One line item's <c>OrderLineItemProvisioningStatus</c>.</summary>
internal sealed record LineItemProvisioningStatusResource(
    int LineItemNumber, string Status, IReadOnlyList<QuantityProvisioningStatusResource> QuantityProvisioningInformation, ResourceAttributes Attributes);

internal sealed record QuantityProvisioningStatusResource(int Quantity, string Status);
