using System.Security.Cryptography;
using System.Text;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>
/// The legacy offers API: <c>GET /v1/offers/{id}?country=XX</c> and <c>…/addons</c>. A new-commerce id gets 400 2100
/// ("use the Products and SKUs APIs"); an offer unknown or not sold in the country 404 1000 (Partner Center documents
/// no code for an unknown offer, so this is the sandbox's choice); a retired offer answers with
/// <c>isAvailableForPurchase: false</c>, as it is refused at order time (403 2091).
/// </summary>
internal sealed class OfferBook(LiveCatalog catalog)
{
    public SandboxAnswer Get(string offerId, string? country, string? locale)
    {
        if (Check(offerId, country) is { } problem)
        {
            return problem;
        }

        var offer = catalog.Find(offerId);
        return offer is not null && offer.IsSoldIn(country!)
            ? SandboxAnswer.Json(200, Resource(offer, country!, locale))
            : SandboxAnswer.Error(404, ErrorCodes.NotFound, $"Offer '{offerId}' was not found in country {country!.ToUpperInvariant()}.");
    }

    /// <summary>The add-ons of a base offer sold in the country.</summary>
    public SandboxAnswer GetAddOns(string offerId, string? country, string? locale)
    {
        if (Check(offerId, country) is { } problem)
        {
            return problem;
        }

        if (catalog.Find(offerId) is not { } offer || !offer.IsSoldIn(country!))
        {
            return SandboxAnswer.Error(404, ErrorCodes.NotFound, $"Offer '{offerId}' was not found in country {country!.ToUpperInvariant()}.");
        }

        var addOns = catalog.Offers.Where(o => !o.IsNewCommerce && o.AttachesTo(offer.Id) && o.IsSoldIn(country!))
            .Select(o => Resource(o, country!, locale)).ToList();
        return SandboxAnswer.Json(200, new ResourceCollection<OfferResource>(addOns.Count, addOns, new ResourceAttributes("Collection")));
    }

    private static SandboxAnswer? Check(string offerId, string? country)
    {
        if (offerId.Contains(':', StringComparison.Ordinal))
        {
            return SandboxAnswer.Error(400, ErrorCodes.NotAnOffersApiItem,
                $"The Offers API does not support item with id {offerId}. Please try using the Products and/or SKUs APIs.");
        }

        return string.IsNullOrWhiteSpace(country) || country.Trim().Length != 2
            ? SandboxAnswer.Error(400, ErrorCodes.InvalidInput, $"The query parameter country is required: a two-letter country code such as US; got '{country}'.")
            : null;
    }

    private static OfferResource Resource(CatalogOffer offer, string country, string? locale) => new(
        offer.Id,
        offer.Name,
        $"{offer.Name} (legacy licence-based offer).",
        offer.MinQuantity,
        offer.MaxQuantity,
        offer.MaxQuantity,
        "Licenses",
        (locale ?? "en-US").ToLowerInvariant(),
        country.ToUpperInvariant(),
        new OfferCategoryResource("Enterprise_Key", "Enterprise", (locale ?? "en-US").ToLowerInvariant(), country.ToUpperInvariant()),
        [.. offer.AddOnOf],
        offer.IsAddOn,
        offer.IsPurchasable,
        offer.BillingCycles,
        "license",
        true,
        new OfferProductResource(ProductIdOf(offer.Id), offer.Name, "Licenses"),
        "Licenses",
        new ResourceAttributes("Offer"));

    /// <summary>A stable product GUID for a legacy offer.</summary>
    private static string ProductIdOf(string offerId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("product:" + offerId.ToUpperInvariant()))[..16]).ToString("D");
}
