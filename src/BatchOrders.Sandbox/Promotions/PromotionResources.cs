using BatchOrders.Sandbox.Orders;

namespace BatchOrders.Sandbox.Promotions;

/// <summary>A <c>ProductPromotion</c> (<c>GET /v1/productpromotions…</c>), serialized camelCase.</summary>
internal sealed record ProductPromotionResource(
    string Id,
    string Name,
    string Description,
    DateTime StartDate,
    DateTime EndDate,
    PromotionPropertiesResource Properties,
    IReadOnlyList<RequiredProductResource> RequiredProducts,
    ResourceAttributes Attributes);

internal sealed record PromotionPropertiesResource(bool IsAutoApplicable);

internal sealed record RequiredProductResource(string ProductId, string SkuId, PromotionTermResource Term, IReadOnlyList<PricingPolicyResource> PricingPolicies);

internal sealed record PromotionTermResource(string Duration, string BillingCycle);

internal sealed record PricingPolicyResource(string PolicyType, string Value);

/// <summary>One item of a <c>promotionEligibilities</c> answer: the request item and the eligibility of each promotion.</summary>
internal sealed record PromotionEligibilitiesResource(
    int Id,
    string? CatalogItemId,
    int Quantity,
    string? BillingCycle,
    string? TermDuration,
    IReadOnlyList<PromotionEligibilityResource> Eligibilities,
    ResourceAttributes Attributes);

internal sealed record PromotionEligibilityResource(string PromotionId, bool IsEligible, IReadOnlyList<EligibilityErrorResource> Errors);

/// <summary>
/// Why a transaction is not eligible: <c>type</c> (<c>InvalidPromotion</c>, <c>InvalidCatalogItemId</c>,
/// <c>SeatCount</c>, <c>Term</c>, <c>OfferPurchasedPreviously</c>, <c>PrerequisiteProductOwnership</c>,
/// <c>RedemptionLimit</c>) and <c>description</c>, with the details of its type, named as the SDK names them.
/// </summary>
internal sealed record EligibilityErrorResource(
    string Type,
    string Description,
    int? MinimumRequiredSeats = null,
    int? MaximumRequiredSeats = null,
    int? AvailableSeats = null,
    IReadOnlyList<PromotionTermResource>? EligibleTerms = null,
    int? MaxPromotionRedemptionCount = null,
    int? RemainingPromotionRedemptionCount = null);
