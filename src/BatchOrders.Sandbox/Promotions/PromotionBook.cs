using System.Globalization;
using System.Text.Json;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Storage;
using BatchOrders.Sandbox.Subscriptions;
using static BatchOrders.Sandbox.Pipeline.RequestJson;

namespace BatchOrders.Sandbox.Promotions;

/// <summary>
/// The seeded promotions: <c>GET /v1/productpromotions[/{id}]?country=XX</c> (which, as documented, ignore the dates:
/// an ended promotion is still answered) and <c>POST /v1/customers/{id}/promotionEligibilities</c>, read-only despite
/// the POST, which says for each item whether each promotion applies and, when not, every reason why.
/// </summary>
internal sealed class PromotionBook(LiveCatalog catalog, SandboxState state, SubscriptionBook subscriptions, TimeProvider time)
{
    public SandboxAnswer List(string? country)
    {
        if (CountryProblem(country) is { } problem)
        {
            return problem;
        }

        var promotions = catalog.Seeded.Promotions.Select(Resource).ToList();
        return SandboxAnswer.Json(200, new ResourceCollection<ProductPromotionResource>(promotions.Count, promotions, new ResourceAttributes("Collection")));
    }

    public SandboxAnswer Get(string promotionId, string? country)
    {
        if (CountryProblem(country) is { } problem)
        {
            return problem;
        }

        return FindPromotion(promotionId) is { } promotion
            ? SandboxAnswer.Json(200, Resource(promotion))
            : SandboxAnswer.Error(404, ErrorCodes.NotFound, $"Promotion '{promotionId}' was not found.");
    }

    /// <summary><c>POST …/promotionEligibilities</c>: one answer item per request item, in order.</summary>
    public SandboxAnswer CheckEligibilities(SeededCustomer customer, ReadOnlyMemory<byte> body)
    {
        var (document, unreadable) = ParseObject(body, "a promotion eligibilities request");
        if (unreadable is not null)
        {
            return unreadable;
        }

        using (document)
        {
            if (Find(document!.RootElement, "items") is not { ValueKind: JsonValueKind.Array } items || items.GetArrayLength() == 0)
            {
                return SandboxAnswer.Error(400, ErrorCodes.InvalidInput, "Items is required: an array of { catalogItemId, quantity, termDuration, billingCycle, promotionId }.");
            }

            var owned = OwnedProductSkus(customer.Id);
            var answers = new List<PromotionEligibilitiesResource>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || (Find(item, "quantity") is { } q && (q.ValueKind != JsonValueKind.Number || !q.TryGetInt32(out _)))
                    || !TryOptionalString(item, "catalogItemId", out var catalogItemId)
                    || !TryOptionalString(item, "termDuration", out var term)
                    || !TryOptionalString(item, "billingCycle", out var cycle)
                    || !TryOptionalString(item, "promotionId", out var promotionId))
                {
                    return SandboxAnswer.Error(400, ErrorCodes.InvalidInput, string.Create(CultureInfo.InvariantCulture,
                        $"Item {index} must be an object with catalogItemId, termDuration, billingCycle and promotionId as strings and quantity as a whole number."));
                }

                var id = Find(item, "id") is { ValueKind: JsonValueKind.Number } idElement && idElement.TryGetInt32(out var given) ? given : index;
                var quantity = Find(item, "quantity") is { } quantityElement ? quantityElement.GetInt32() : 0;
                var billingCycle = cycle is null ? null : BillingCycles.Normalize(cycle);
                var promotions = promotionId is not null
                    ? [promotionId.Trim()]
                    : catalog.Seeded.Promotions.Where(p => catalogItemId is not null
                        && string.Equals(p.ProductSku, CatalogOffer.ProductSkuOf(catalogItemId), StringComparison.OrdinalIgnoreCase)
                        && p.RunsAt(time.GetUtcNow())).Select(p => p.Id).ToList();
                var eligibilities = promotions.Select(p =>
                {
                    var errors = Check(p, catalogItemId, quantity, term, billingCycle, owned);
                    return new PromotionEligibilityResource(p, errors.Count == 0, errors);
                }).ToList();
                answers.Add(new PromotionEligibilitiesResource(id, catalogItemId, quantity, billingCycle ?? cycle, term?.ToUpperInvariant(), eligibilities,
                    new ResourceAttributes("PromotionEligibilities")));
                index++;
            }

            return SandboxAnswer.Json(200, new ResourceCollection<PromotionEligibilitiesResource>(answers.Count, answers, new ResourceAttributes("Collection")));
        }
    }

    /// <summary>Every reason <paramref name="promotionId"/> does not apply to a purchase by a customer owning <paramref name="ownedProductSkus"/>; empty when it does.</summary>
    public IReadOnlyList<EligibilityErrorResource> Check(string promotionId, string? catalogItemId, int quantity, string? termDuration, string? billingCycle,
        IReadOnlySet<string> ownedProductSkus)
    {
        if (FindPromotion(promotionId) is not { } promotion)
        {
            return [new("InvalidPromotion", $"Promotion '{promotionId}' was not found.")];
        }

        var now = time.GetUtcNow();
        if (!promotion.RunsAt(now))
        {
            return [new("InvalidPromotion", now < promotion.StartDate
                ? $"Promotion {promotion.Id} starts on {Date(promotion.StartDate)}."
                : $"Promotion {promotion.Id} ended on {Date(promotion.EndDate)}.")];
        }

        if (catalogItemId is null || catalog.Find(catalogItemId) is not { } offer)
        {
            return [new("InvalidCatalogItemId", $"The catalog item id '{catalogItemId}' is not valid: it is unknown, or its availability is no longer today's.")];
        }

        if (!string.Equals(offer.ProductSku, promotion.ProductSku, StringComparison.OrdinalIgnoreCase))
        {
            return [new("InvalidPromotion", $"Promotion {promotion.Id} applies to {promotion.ProductSku} only, not to {offer.ProductSku} ({offer.Name}).")];
        }

        var errors = new List<EligibilityErrorResource>();
        if (!promotion.Terms.Any(t => string.Equals(t.Duration, termDuration, StringComparison.OrdinalIgnoreCase)
                                      && string.Equals(t.BillingCycle, billingCycle, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new("Term", $"Promotion {promotion.Id} applies to {string.Join(", ", promotion.Terms.Select(t => $"{t.Duration} billed {t.BillingCycle}"))}; not to {termDuration ?? "no term"} billed {billingCycle ?? "(no billing cycle)"}.",
                EligibleTerms: [.. promotion.Terms.Select(t => new PromotionTermResource(t.Duration, t.BillingCycle))]));
        }

        if ((promotion.MinSeats is { } min && quantity < min) || (promotion.MaxSeats is { } max && quantity > max))
        {
            errors.Add(new("SeatCount", string.Create(CultureInfo.InvariantCulture,
                    $"Promotion {promotion.Id} needs between {promotion.MinSeats ?? 1} and {promotion.MaxSeats?.ToString(CultureInfo.InvariantCulture) ?? "any number of"} seats; {quantity} were asked for."),
                MinimumRequiredSeats: promotion.MinSeats, MaximumRequiredSeats: promotion.MaxSeats));
        }

        if (promotion.FirstPurchaseOnly && ownedProductSkus.Contains(promotion.ProductSku))
        {
            errors.Add(new("OfferPurchasedPreviously", $"Promotion {promotion.Id} is for a first purchase of {promotion.ProductSku}, which the customer already has."));
        }

        if (promotion.PrerequisiteProducts.Count > 0 && !promotion.PrerequisiteProducts.Any(ownedProductSkus.Contains))
        {
            errors.Add(new("PrerequisiteProductOwnership", $"Promotion {promotion.Id} needs the customer to own one of {string.Join(", ", promotion.PrerequisiteProducts)}."));
        }

        if (promotion.RemainingRedemptions is 0)
        {
            errors.Add(new("RedemptionLimit", string.Create(CultureInfo.InvariantCulture, $"Promotion {promotion.Id} has been redeemed its {promotion.MaxRedemptions} times."),
                MaxPromotionRedemptionCount: promotion.MaxRedemptions, RemainingPromotionRedemptionCount: 0));
        }

        return errors;
    }

    /// <summary>The <c>PRODUCT:SKU</c> (or legacy offer id) of every subscription the customer holds that is not deleted or expired.</summary>
    public IReadOnlySet<string> OwnedProductSkus(Guid customerId) =>
        state.Use(store => store.ReadLedger(customerId)).SelectMany(e => e.LineItems)
            .Where(i => subscriptions.StatusOf(i.SubscriptionId) is not ("deleted" or "expired"))
            .Select(i => CatalogOffer.ProductSkuOf(i.OfferId))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private SeededPromotion? FindPromotion(string promotionId) =>
        catalog.Seeded.Promotions.FirstOrDefault(p => string.Equals(p.Id, promotionId, StringComparison.OrdinalIgnoreCase));

    private static ProductPromotionResource Resource(SeededPromotion promotion) => new(
        promotion.Id,
        promotion.Name,
        string.Create(CultureInfo.InvariantCulture, $"{promotion.DiscountPercent}% off {promotion.ProductSku}."),
        promotion.StartDate.UtcDateTime,
        promotion.EndDate.UtcDateTime,
        new PromotionPropertiesResource(false),
        [.. promotion.Terms.Select(t => new RequiredProductResource(promotion.ProductId, promotion.SkuId, new PromotionTermResource(t.Duration, t.BillingCycle),
            [new PricingPolicyResource("PercentDiscount", promotion.DiscountPercent.ToString(CultureInfo.InvariantCulture))]))],
        new ResourceAttributes("ProductPromotion"));

    private static SandboxAnswer? CountryProblem(string? country) =>
        string.IsNullOrWhiteSpace(country) || country.Trim().Length != 2
            ? SandboxAnswer.Error(400, ErrorCodes.InvalidInput, $"The query parameter country is required: a two-letter country code such as US; got '{country}'.")
            : null;

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
