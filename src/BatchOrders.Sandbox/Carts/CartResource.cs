using BatchOrders.Sandbox.Orders;

namespace BatchOrders.Sandbox.Carts;

/// <summary>A cart as Partner Center answers it (serialized camelCase; absent values left out).</summary>
internal sealed record CartResource(
    string Id,
    DateTime CreationTimestamp,
    DateTime LastModifiedTimestamp,
    DateTime ExpirationTimestamp,
    string Status,
    IReadOnlyList<CartLineItemResource> LineItems,
    CartLinks Links,
    ResourceAttributes Attributes);

/// <summary>One <c>CartLineItem</c> of a <see cref="CartResource"/>.</summary>
internal sealed record CartLineItemResource(
    int Id,
    string CatalogItemId,
    string? FriendlyName,
    int Quantity,
    string CurrencyCode,
    string BillingCycle,
    string? TermDuration,
    string? PromotionId,
    IReadOnlyList<CartParticipant>? Participants,
    IReadOnlyDictionary<string, string>? ProvisioningContext,
    string? OrderGroup,
    CartLineError? Error);

internal sealed record CartLinks(ResourceLink Self);

/// <summary>The answer to a checkout: one order per order group that was placed, one error per group that was refused.</summary>
internal sealed record CartCheckoutResultResource(
    IReadOnlyList<OrderResource> Orders,
    IReadOnlyList<OrderErrorResource> OrderErrors,
    ResourceAttributes Attributes);

/// <summary>An <c>OrderError</c>: the refused order group and why.</summary>
internal sealed record OrderErrorResource(string OrderGroupId, int Code, string Description);
