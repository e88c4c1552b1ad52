namespace BatchOrders.Sandbox.Catalog;

/// <summary>
/// One offer of the seeded catalog and the rules the sandbox enforces for it: a legacy offer (a GUID) or a
/// new-commerce catalog item (<c>PRODUCT:SKU:AVAILABILITY</c>, one availability per SKU, whose id may rotate, see
/// <see cref="LiveCatalog"/>). <see cref="CheckoutRefusal"/> makes every cart checkout refuse the order group holding
/// this offer, so tests can count on a refused group.
/// </summary>
internal sealed record CatalogOffer(
    string Id,
    string Name,
    IReadOnlyList<string> BillingCycles,
    int MinQuantity,
    int MaxQuantity,
    IReadOnlyList<string> AddOnOf,
    IReadOnlyList<string> TermDurations,
    CheckoutRefusal? CheckoutRefusal = null)
{
    /// <summary>The segment the offer is sold to: <c>Commercial</c>, or <c>Education</c> (only to qualified customers).</summary>
    public string Segment { get; init; } = CommercialSegment;

    /// <summary>The countries (ISO-2) it is sold in; empty = every country.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>False for an offer still in the catalog but no longer sold (legacy: 403 2091; new commerce: <c>isPurchasable: false</c>).</summary>
    public bool IsPurchasable { get; init; } = true;

    public const string CommercialSegment = "Commercial";

    public const string EducationSegment = "Education";

    public bool IsAddOn => AddOnOf.Count > 0;

    /// <summary>A new-commerce catalog item id (<c>PRODUCT:SKU:AVAILABILITY</c>), bought through a cart; legacy offers are GUIDs.</summary>
    public bool IsNewCommerce => Id.Contains(':', StringComparison.Ordinal);

    /// <summary>New commerce: the product id (the first part of the catalog item id).</summary>
    public string ProductId => Id.Split(':')[0];

    /// <summary>New commerce: the SKU id (the second part).</summary>
    public string SkuId => Id.Split(':')[1];

    /// <summary>New commerce: the availability id (the third part); a seeded offer's may no longer be today's (<see cref="LiveCatalog"/>).</summary>
    public string AvailabilityId => Id.Split(':')[2];

    /// <summary>New commerce: <c>PRODUCT:SKU</c>, what stays when availabilities rotate; legacy: the offer id.</summary>
    public string ProductSku => ProductSkuOf(Id);

    public bool IsEducation => string.Equals(Segment, EducationSegment, StringComparison.OrdinalIgnoreCase);

    public bool AllowsBillingCycle(string billingCycle) =>
        BillingCycles.Contains(billingCycle, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether this add-on attaches to a subscription of <paramref name="baseOfferId"/> (new commerce: whatever its availability).</summary>
    public bool AttachesTo(string baseOfferId) =>
        AddOnOf.Any(b => string.Equals(ProductSkuOf(b), ProductSkuOf(baseOfferId), StringComparison.OrdinalIgnoreCase));

    public bool AllowsTermDuration(string termDuration) =>
        TermDurations.Contains(termDuration, StringComparer.OrdinalIgnoreCase);

    public bool IsSoldIn(string country) =>
        Countries.Count == 0 || Countries.Contains(country, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The billing cycles a term is billed with, as new commerce sells them: a month monthly, a year monthly or
    /// annually, three years also triennially; only those the offer allows.
    /// </summary>
    public IReadOnlyList<string> BillingCyclesOf(string term) =>
        [.. BillingCyclesOfTerm(term).Where(AllowsBillingCycle)];

    /// <summary><c>PRODUCT:SKU</c> of a catalog item id; a legacy id as it is.</summary>
    public static string ProductSkuOf(string offerId)
    {
        var parts = offerId.Split(':');
        return parts.Length >= 2 ? $"{parts[0]}:{parts[1]}" : offerId;
    }

    /// <summary>New-commerce billing per term: a month is billed monthly, a year monthly or annually, three years also triennially.</summary>
    public static IReadOnlyList<string> BillingCyclesOfTerm(string term) => term.ToUpperInvariant() switch
    {
        "P1M" => ["monthly"],
        "P1Y" => ["monthly", "annual"],
        _ => ["monthly", "annual", "triennial"],
    };
}

/// <summary>The order error a checkout reports for the order group holding an offer that is always refused.</summary>
internal sealed record CheckoutRefusal(int Code, string Description);
