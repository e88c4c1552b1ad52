namespace BatchOrders.Sandbox.Catalog;

/// <summary>
/// The seeded catalog as it stands now: new-commerce offers carry today's availability id (see
/// <see cref="AvailabilityRotation"/>), so a catalog item id of an earlier availability is no longer found.
/// </summary>
internal sealed class LiveCatalog(SandboxCatalog seeded, AvailabilityRotation rotation)
{
    public SandboxCatalog Seeded => seeded;

    public int MaxLineItemsPerOrder => seeded.MaxLineItemsPerOrder;

    public AvailabilityRotation Rotation => rotation;

    /// <summary>Every offer, new-commerce ones with today's catalog item id.</summary>
    public IEnumerable<CatalogOffer> Offers
    {
        get
        {
            var generation = rotation.Generation;
            return seeded.Offers.Select(o => Current(o, generation));
        }
    }

    /// <summary>
    /// The offer an id names today: a legacy offer by its id, a new-commerce one by <c>PRODUCT:SKU:AVAILABILITY</c>
    /// with today's availability (its <see cref="CatalogOffer.Id"/> is then today's catalog item id); null otherwise.
    /// </summary>
    public CatalogOffer? Find(string offerId)
    {
        var (offer, stale) = Resolve(offerId);
        return stale ? null : offer;
    }

    /// <summary>
    /// The offer an id names, and whether the id's availability is no longer today's (the offer is then the SKU's,
    /// with today's id). A legacy id or today's catalog item id is never stale; an unknown id is (null, false).
    /// </summary>
    public (CatalogOffer? Offer, bool Stale) Resolve(string offerId)
    {
        if (!offerId.Contains(':', StringComparison.Ordinal))
        {
            return (seeded.Find(offerId), false);
        }

        var parts = offerId.Split(':');
        if (parts.Length != 3 || seeded.FindProductSku($"{parts[0]}:{parts[1]}") is not { } sku)
        {
            return (null, false);
        }

        var current = Current(sku, rotation.Generation);
        return (current, !string.Equals(current.AvailabilityId, parts[2], StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The offer of a new-commerce product and SKU, with today's availability; null when there is none.</summary>
    public CatalogOffer? FindSku(string productId, string skuId) =>
        seeded.FindProductSku($"{productId}:{skuId}") is { } offer ? Current(offer, rotation.Generation) : null;

    /// <summary>The offer an id once named, whatever its availability (a stored cart line, a subscription).</summary>
    public CatalogOffer? FindAnyGeneration(string offerId) =>
        offerId.Contains(':', StringComparison.Ordinal) ? seeded.FindProductSku(CatalogOffer.ProductSkuOf(offerId)) : seeded.Find(offerId);

    private static CatalogOffer Current(CatalogOffer offer, int generation) =>
        !offer.IsNewCommerce || generation == 0
            ? offer
            : offer with { Id = $"{offer.ProductId}:{offer.SkuId}:{AvailabilityRotation.AvailabilityId(offer, generation)}" };
}
