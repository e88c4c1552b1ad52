namespace BatchOrders.Preflight;

/// <summary>A new-commerce id as a row writes it: <c>PRODUCT:SKU</c>, or <c>PRODUCT:SKU:AVAILABILITY</c>.</summary>
internal sealed record CatalogItem(string ProductId, string SkuId, string? AvailabilityId)
{
    public string ProductSku => $"{ProductId}:{SkuId}";

    public static CatalogItem? Parse(string offerId)
    {
        var parts = offerId.Split(':');
        return parts.Length switch
        {
            2 => new CatalogItem(parts[0], parts[1], null),
            3 => new CatalogItem(parts[0], parts[1], parts[2]),
            _ => null,
        };
    }

    /// <summary><c>PRODUCT:SKU</c> of a new-commerce id (a subscription's, a prerequisite's); a legacy id as it is.</summary>
    public static string ProductSkuOf(string offerId) => Parse(offerId)?.ProductSku ?? offerId;
}
