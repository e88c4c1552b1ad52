using BatchOrders.Sandbox.Orders;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>A new-commerce <c>Product</c> (serialized camelCase).</summary>
internal sealed record ProductResource(
    string Id,
    string Title,
    string Description,
    ProductTypeResource ProductType,
    bool IsMicrosoftProduct,
    string PublisherName,
    ProductLinks Links);

internal sealed record ProductTypeResource(string Id, string DisplayName);

internal sealed record ProductLinks(ResourceLink Skus, ResourceLink Self);

/// <summary>
/// A <c>Sku</c>: quantities, billing cycles, and in <see cref="DynamicAttributes"/> whether it is an add-on
/// (<c>isAddon</c>) and the SKUs it is an add-on of (<c>prerequisiteSkus</c>, <c>PRODUCT:SKU</c>).
/// </summary>
internal sealed record SkuResource(
    string Id,
    string ProductId,
    string Title,
    string Description,
    int MinimumQuantity,
    int MaximumQuantity,
    bool IsTrial,
    IReadOnlyList<string> SupportedBillingCycles,
    IReadOnlyList<string> PurchasePrerequisites,
    IReadOnlyList<string> InventoryVariables,
    IReadOnlyList<string> ProvisioningVariables,
    IReadOnlyDictionary<string, object> DynamicAttributes,
    SkuLinks Links);

internal sealed record SkuLinks(ResourceLink Availabilities, ResourceLink Self);

/// <summary>An <c>Availability</c>: today's id, its catalog item id, where and to whom it is sold, and the terms it sells.</summary>
internal sealed record AvailabilityResource(
    string Id,
    string ProductId,
    string SkuId,
    string CatalogItemId,
    CurrencyResource DefaultCurrency,
    string Segment,
    string Country,
    bool IsPurchasable,
    bool IsRenewable,
    IReadOnlyList<AvailabilityTermResource> Terms,
    ProductResource Product,
    SkuResource Sku,
    SelfOnlyLinks Links);

internal sealed record CurrencyResource(string Code, string Symbol);

/// <summary>A term an availability sells: its duration (<c>P1M</c>, <c>P1Y</c>, <c>P3Y</c>) and billing cycle.</summary>
internal sealed record AvailabilityTermResource(string Duration, string Description, string BillingCycle);

internal sealed record SelfOnlyLinks(ResourceLink Self);
