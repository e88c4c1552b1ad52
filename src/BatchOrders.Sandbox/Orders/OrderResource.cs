namespace BatchOrders.Sandbox.Orders;

/// <summary>An order as Partner Center answers it (serialized camelCase).</summary>
internal sealed record OrderResource(
    string Id,
    Guid ReferenceCustomerId,
    string BillingCycle,
    IReadOnlyList<OrderLineItemResource> LineItems,
    DateTime CreationDate,
    string Status,
    string CurrencyCode,
    string CurrencySymbol,
    string TransactionType,
    OrderLinks Links,
    ResourceAttributes Attributes);

internal sealed record OrderLineItemResource(
    int LineItemNumber,
    string OfferId,
    Guid SubscriptionId,
    Guid? ParentSubscriptionId,
    string? FriendlyName,
    int Quantity,
    string? TermDuration,
    string? PromotionId,
    string? PartnerIdOnRecord,
    LineItemLinks Links);

internal sealed record ResourceLink(string Uri, string Method, IReadOnlyList<string> Headers);

internal sealed record OrderLinks(ResourceLink Self, ResourceLink ProvisioningStatus, ResourceLink PatchOperation);

internal sealed record LineItemLinks(ResourceLink Subscription, ResourceLink ProvisioningStatus);

internal sealed record ResourceAttributes(string ObjectType);

internal sealed record ResourceCollection<T>(int TotalCount, IReadOnlyList<T> Items, ResourceAttributes Attributes);
