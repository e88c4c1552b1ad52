namespace BatchOrders.Sandbox.Promotions;

/// <summary>
/// A new-commerce promotion for one product SKU and the rules of its eligibility: terms, seats, a first purchase
/// only, products the customer must own, redemptions left, and the dates it runs.
/// </summary>
internal sealed record SeededPromotion(
    string Id,
    string Name,
    string ProductId,
    string SkuId,
    IReadOnlyList<PromotionTerm> Terms,
    int? MinSeats,
    int? MaxSeats,
    bool FirstPurchaseOnly,
    IReadOnlyList<string> PrerequisiteProducts,
    int? MaxRedemptions,
    int? RemainingRedemptions,
    DateTimeOffset StartDate,
    DateTimeOffset EndDate,
    int DiscountPercent)
{
    public string ProductSku => $"{ProductId}:{SkuId}";

    public bool RunsAt(DateTimeOffset now) => now >= StartDate && now <= EndDate;
}

/// <summary>A term a promotion applies to: its duration and billing cycle (wire values).</summary>
internal sealed record PromotionTerm(string Duration, string BillingCycle);
