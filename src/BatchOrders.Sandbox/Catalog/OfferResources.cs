namespace BatchOrders.Sandbox.Catalog;

/// <summary>A legacy <c>Offer</c> (<c>GET /v1/offers/{id}?country=XX</c>), serialized camelCase.</summary>
internal sealed record OfferResource(
    string Id,
    string Name,
    string Description,
    int MinimumQuantity,
    int MaximumQuantity,
    int Limit,
    string LimitUnitOfMeasure,
    string Locale,
    string Country,
    OfferCategoryResource Category,
    IReadOnlyList<string> PrerequisiteOffers,
    bool IsAddOn,
    bool IsAvailableForPurchase,
    IReadOnlyList<string> SupportedBillingCycles,
    string Billing,
    bool IsAutoRenewable,
    OfferProductResource Product,
    string UnitType,
    Orders.ResourceAttributes Attributes);

internal sealed record OfferCategoryResource(string Id, string Name, string Locale, string Country);

internal sealed record OfferProductResource(string Id, string Name, string Unit);
