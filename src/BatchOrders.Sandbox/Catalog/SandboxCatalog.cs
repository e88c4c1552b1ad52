using System.Text.Json;
using System.Text.Json.Serialization;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Promotions;
using BatchOrders.Sandbox.Resellers;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>
/// What the sandbox is seeded with (embedded <c>seed-catalog.json</c>): the offers, looked up case-insensitively,
/// the orders customers already have, the seeded customers, the promotions and the partner ids that are not valid
/// indirect resellers.
/// </summary>
internal sealed class SandboxCatalog
{
    private const string ResourceName = "BatchOrders.Sandbox.seed-catalog.json";

    private static readonly JsonSerializerOptions FileOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly Dictionary<string, CatalogOffer> _offers;
    private readonly Dictionary<string, CatalogOffer> _byProductSku;

    private SandboxCatalog(IEnumerable<CatalogOffer> offers, int maxLineItemsPerOrder, IReadOnlyList<LedgerOrder> existingOrders,
        IReadOnlyDictionary<Guid, string> subscriptionStatuses, IReadOnlyList<SeededCustomer> customers,
        IReadOnlyList<SeededPromotion> promotions, IReadOnlyList<SeededReseller> resellers)
    {
        _offers = offers.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);
        _byProductSku = _offers.Values.Where(o => o.IsNewCommerce).ToDictionary(o => o.ProductSku, StringComparer.OrdinalIgnoreCase);
        MaxLineItemsPerOrder = maxLineItemsPerOrder;
        ExistingOrders = existingOrders;
        SubscriptionStatuses = subscriptionStatuses;
        Customers = customers;
        Promotions = promotions;
        Resellers = resellers;
    }

    public int MaxLineItemsPerOrder { get; }

    /// <summary>Orders the customers already have when the sandbox starts: the parents that add-on rows refer to.</summary>
    public IReadOnlyList<LedgerOrder> ExistingOrders { get; }

    /// <summary>The status of a seeded subscription that is not <c>active</c> (such as <c>suspended</c>), by subscription id.</summary>
    public IReadOnlyDictionary<Guid, string> SubscriptionStatuses { get; }

    /// <summary>The seeded customers (any other GUID is a customer too, see <see cref="CustomerDirectory"/>).</summary>
    public IReadOnlyList<SeededCustomer> Customers { get; }

    public IReadOnlyList<SeededPromotion> Promotions { get; }

    /// <summary>Partner ids that are not authorised indirect resellers, and why; every other partner id is one.</summary>
    public IReadOnlyList<SeededReseller> Resellers { get; }

    public IReadOnlyCollection<CatalogOffer> Offers => _offers.Values;

    public static SandboxCatalog Seeded { get; } = LoadSeed();

    /// <summary>The offer with exactly this id (a new-commerce id with its seeded availability), in any case.</summary>
    public CatalogOffer? Find(string offerId) => _offers.GetValueOrDefault(offerId);

    /// <summary>The new-commerce offer of <c>PRODUCT:SKU</c>, whatever the availability.</summary>
    public CatalogOffer? FindProductSku(string productSku) => _byProductSku.GetValueOrDefault(productSku);

    private static SandboxCatalog LoadSeed()
    {
        using var stream = typeof(SandboxCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, FileOptions)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is empty.");
        var offers = file.Offers.Select(o => new CatalogOffer(
            o.Id, o.Name, o.BillingCycles, o.MinQuantity, o.MaxQuantity, o.AddOnOf ?? [], o.TermDurations ?? [], o.CheckoutRefusal)
        {
            Segment = o.Segment ?? CatalogOffer.CommercialSegment,
            Countries = o.Countries ?? [],
            IsPurchasable = o.Purchasable ?? true,
        });
        var existingOrders = file.ExistingOrders ?? [];
        var existing = existingOrders.Select(o => new LedgerOrder(
            o.OrderId, o.CustomerId, null, null, o.BillingCycle,
            [.. o.LineItems.Select(i => new LedgerLineItem(i.LineItemNumber, i.OfferId, i.Quantity, i.FriendlyName, i.ParentSubscriptionId,
                i.SubscriptionId, i.TermDuration, null, null))],
            DateTimeOffset.UnixEpoch, LedgerOrder.ExistingKind));
        var statuses = existingOrders.SelectMany(o => o.LineItems).Where(i => i.Status is not null).ToDictionary(i => i.SubscriptionId, i => i.Status!);
        var customers = (file.Customers ?? []).Select(c => new SeededCustomer(
            c.Id, c.CompanyName, c.Domain, c.Country, c.City, c.Relationship, c.AccountStatus, c.Qualifications ?? [], c.DelegatedAccess ?? true));
        var promotions = (file.Promotions ?? []).Select(p => new SeededPromotion(
            p.Id, p.Name, p.ProductId, p.SkuId, [.. p.Terms.Select(t => new PromotionTerm(t.Duration, t.BillingCycle))], p.MinSeats, p.MaxSeats,
            p.FirstPurchaseOnly, p.PrerequisiteProducts ?? [], p.MaxRedemptions, p.RemainingRedemptions, p.StartDate, p.EndDate, p.DiscountPercent));
        var resellers = (file.Resellers ?? []).Select(r => new SeededReseller(r.PartnerId, r.Status));
        return new SandboxCatalog(offers, file.Limits?.MaxLineItemsPerOrder ?? 50, [.. existing], statuses, [.. customers], [.. promotions], [.. resellers]);
    }

    private sealed record CatalogFile(
        [property: JsonRequired] IReadOnlyList<OfferEntry> Offers,
        LimitsEntry? Limits,
        IReadOnlyList<ExistingOrderEntry>? ExistingOrders,
        IReadOnlyList<CustomerEntry>? Customers,
        IReadOnlyList<PromotionEntry>? Promotions,
        IReadOnlyList<ResellerEntry>? Resellers);

    private sealed record ExistingOrderEntry(string OrderId, Guid CustomerId, string BillingCycle, IReadOnlyList<ExistingLineItemEntry> LineItems);

    private sealed record ExistingLineItemEntry(
        int LineItemNumber, string OfferId, int Quantity, string? FriendlyName, Guid SubscriptionId, string? TermDuration, string? Status, Guid? ParentSubscriptionId);

    private sealed record OfferEntry(
        string Id,
        string Name,
        IReadOnlyList<string> BillingCycles,
        int MinQuantity,
        int MaxQuantity,
        IReadOnlyList<string>? AddOnOf,
        IReadOnlyList<string>? TermDurations,
        CheckoutRefusal? CheckoutRefusal,
        string? Segment,
        IReadOnlyList<string>? Countries,
        bool? Purchasable);

    private sealed record CustomerEntry(
        Guid Id, string CompanyName, string Domain, string Country, string City, string Relationship, string? AccountStatus,
        IReadOnlyList<string>? Qualifications, bool? DelegatedAccess);

    private sealed record PromotionEntry(
        string Id, string Name, string ProductId, string SkuId, IReadOnlyList<PromotionTermEntry> Terms, int? MinSeats, int? MaxSeats,
        bool FirstPurchaseOnly, IReadOnlyList<string>? PrerequisiteProducts, int? MaxRedemptions, int? RemainingRedemptions,
        DateTimeOffset StartDate, DateTimeOffset EndDate, int DiscountPercent);

    private sealed record PromotionTermEntry(string Duration, string BillingCycle);

    private sealed record ResellerEntry(string PartnerId, string Status);

    private sealed record LimitsEntry(int MaxLineItemsPerOrder);
}
