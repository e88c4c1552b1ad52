using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>
/// The new-commerce catalog routes, built from the seeded offers: products, SKUs and availabilities, for a country
/// (<c>/v1/products…?country=XX</c>) or for a customer (<c>/v1/customers/{id}/products…</c>: the customer's country
/// and segment). Each new-commerce offer is one product with one SKU and one availability, whose id rotates
/// (<see cref="AvailabilityRotation"/>). Not found: 404 with 400013 (product), 400018 (SKU), 400019 (availability).
/// </summary>
internal sealed class ProductBook(LiveCatalog catalog)
{
    private const string NewCommerceView = "OnlineServicesNCE";

    /// <summary>Where and to whom the catalog is read: a country, and the segments the reader may buy in (empty = every segment).</summary>
    public sealed record Market(string Country, IReadOnlyList<string> Segments, string? CustomerPath)
    {
        public static Market ForCustomer(SeededCustomer customer) =>
            new(customer.Country, customer.IsEducation ? [CatalogOffer.CommercialSegment, CatalogOffer.EducationSegment] : [CatalogOffer.CommercialSegment],
                $"/customers/{customer.Id:D}");

        public bool Sells(CatalogOffer offer) =>
            offer.IsSoldIn(Country) && (Segments.Count == 0 || Segments.Contains(offer.Segment, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The market of a country route, or the 400 for a missing country (the routes by country require one).</summary>
    public static (Market? Market, SandboxAnswer? Error) MarketOf(string? country, string? targetSegment)
    {
        if (string.IsNullOrWhiteSpace(country) || country.Trim().Length != 2)
        {
            return (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput,
                $"The query parameter country is required: a two-letter country code such as US; got '{country}'."));
        }

        return (new Market(country.Trim().ToUpperInvariant(), string.IsNullOrWhiteSpace(targetSegment) ? [] : [targetSegment.Trim()], null), null);
    }

    public SandboxAnswer ListProducts(Market market, string? targetView)
    {
        var products = targetView is not null && !string.Equals(targetView, NewCommerceView, StringComparison.OrdinalIgnoreCase)
            ? []
            : catalog.Offers.Where(o => o.IsNewCommerce && market.Sells(o)).Select(o => Product(o, market)).ToList();
        return Collection(products);
    }

    public SandboxAnswer GetProduct(Market market, string productId) =>
        FindProduct(productId) is { } offer ? SandboxAnswer.Json(200, Product(offer, market)) : ProductNotFound(productId);

    public SandboxAnswer ListSkus(Market market, string productId) =>
        FindProduct(productId) is { } offer ? Collection([Sku(offer, market)]) : ProductNotFound(productId);

    public SandboxAnswer GetSku(Market market, string productId, string skuId) =>
        FindProduct(productId) is null ? ProductNotFound(productId)
        : catalog.FindSku(productId, skuId) is { } offer ? SandboxAnswer.Json(200, Sku(offer, market))
        : SkuNotFound(productId, skuId);

    /// <summary>Today's availabilities of a SKU in the market (none where it is not sold).</summary>
    public SandboxAnswer ListAvailabilities(Market market, string productId, string skuId) =>
        FindProduct(productId) is null ? ProductNotFound(productId)
        : catalog.FindSku(productId, skuId) is not { } offer ? SkuNotFound(productId, skuId)
        : Collection(market.Sells(offer) ? [Availability(offer, market)] : new List<AvailabilityResource>());

    /// <summary>One availability: 404 400019 when it is not today's, or not sold in the market.</summary>
    public SandboxAnswer GetAvailability(Market market, string productId, string skuId, string availabilityId)
    {
        if (FindProduct(productId) is null)
        {
            return ProductNotFound(productId);
        }

        if (catalog.FindSku(productId, skuId) is not { } offer)
        {
            return SkuNotFound(productId, skuId);
        }

        if (!string.Equals(offer.AvailabilityId, availabilityId, StringComparison.OrdinalIgnoreCase))
        {
            return SandboxAnswer.Error(404, ErrorCodes.AvailabilityNotFound,
                $"Availability '{availabilityId}' of {productId}:{skuId} was not found: availability ids are reissued; today's is listed at {AvailabilitiesUri(offer, market)}.");
        }

        return market.Sells(offer)
            ? SandboxAnswer.Json(200, Availability(offer, market))
            : SandboxAnswer.Error(404, ErrorCodes.AvailabilityNotFound,
                $"Availability '{availabilityId}' of {productId}:{skuId} was not found for country {market.Country}{(market.CustomerPath is null ? "" : " and this customer's segment")}.");
    }

    private CatalogOffer? FindProduct(string productId) =>
        catalog.Offers.FirstOrDefault(o => o.IsNewCommerce && string.Equals(o.ProductId, productId, StringComparison.OrdinalIgnoreCase));

    private static ProductResource Product(CatalogOffer offer, Market market)
    {
        var uri = $"{market.CustomerPath}/products/{offer.ProductId}";
        return new ProductResource(offer.ProductId, Title(offer), offer.Name, new ProductTypeResource(NewCommerceView, NewCommerceView), true,
            "Microsoft Corporation", new ProductLinks(Get($"{uri}/skus{Query(market)}"), Get($"{uri}{Query(market)}")));
    }

    private static SkuResource Sku(CatalogOffer offer, Market market)
    {
        var uri = $"{market.CustomerPath}/products/{offer.ProductId}/skus/{offer.SkuId}";
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["isAddon"] = offer.IsAddOn,
            ["prerequisiteSkus"] = offer.AddOnOf.Select(CatalogOffer.ProductSkuOf).ToList(),
            ["isMicrosoftProduct"] = true,
        };
        return new SkuResource(offer.SkuId, offer.ProductId, Title(offer), offer.Name, offer.MinQuantity, offer.MaxQuantity, false,
            offer.BillingCycles, [], [], [], attributes, new SkuLinks(Get($"{uri}/availabilities{Query(market)}"), Get($"{uri}{Query(market)}")));
    }

    private static AvailabilityResource Availability(CatalogOffer offer, Market market)
    {
        var (code, symbol) = CustomerDirectory.CurrencyOf(market.Country);
        var terms = offer.TermDurations
            .SelectMany(term => offer.BillingCyclesOf(term).Select(cycle => new AvailabilityTermResource(term.ToUpperInvariant(), Describe(term, cycle), cycle)))
            .ToList();
        return new AvailabilityResource(offer.AvailabilityId, offer.ProductId, offer.SkuId, offer.Id, new CurrencyResource(code, symbol),
            offer.Segment.ToLowerInvariant(), market.Country, offer.IsPurchasable, true, terms, Product(offer, market), Sku(offer, market),
            new SelfOnlyLinks(Get($"{market.CustomerPath}/products/{offer.ProductId}/skus/{offer.SkuId}/availabilities/{offer.AvailabilityId}{Query(market)}")));
    }

    private static string AvailabilitiesUri(CatalogOffer offer, Market market) =>
        $"{market.CustomerPath}/products/{offer.ProductId}/skus/{offer.SkuId}/availabilities{Query(market)}";

    private static string Title(CatalogOffer offer) =>
        offer.Name.Contains(" (NCE", StringComparison.Ordinal) ? offer.Name[..offer.Name.IndexOf(" (NCE", StringComparison.Ordinal)] : offer.Name;

    private static string Describe(string term, string billingCycle) => term.ToUpperInvariant() switch
    {
        "P1M" => "One-Month commitment for monthly billing",
        "P1Y" => $"One-Year commitment for {billingCycle} billing",
        _ => $"Three-Year commitment for {billingCycle} billing",
    };

    private static string Query(Market market) => market.CustomerPath is null ? $"?country={market.Country}" : "";

    private static SandboxAnswer ProductNotFound(string productId) =>
        SandboxAnswer.Error(404, ErrorCodes.ProductNotFound, $"Product '{productId}' was not found.");

    private static SandboxAnswer SkuNotFound(string productId, string skuId) =>
        SandboxAnswer.Error(404, ErrorCodes.SkuNotFound, $"SKU '{skuId}' of product {productId} was not found.");

    private static SandboxAnswer Collection<T>(IReadOnlyList<T> items) =>
        SandboxAnswer.Json(200, new ResourceCollection<T>(items.Count, items, new ResourceAttributes("Collection")));

    private static ResourceLink Get(string uri) => new(uri, "GET", []);
}
