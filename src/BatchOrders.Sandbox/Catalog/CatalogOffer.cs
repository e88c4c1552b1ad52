namespace BatchOrders.Sandbox.Catalog;

/// <summary>
/// One offer of the seeded catalog and the rules the sandbox enforces for it. <see cref="CheckoutRefusal"/> makes
/// every cart checkout refuse the order group holding this offer, so tests can count on a refused group.
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
    public bool IsAddOn => AddOnOf.Count > 0;

    /// <summary>A new-commerce catalog item id (<c>PRODUCT:SKU:AVAILABILITY</c>), bought through a cart; legacy offers are GUIDs.</summary>
    public bool IsNewCommerce => Id.Contains(':', StringComparison.Ordinal);

    public bool AllowsBillingCycle(string billingCycle) =>
        BillingCycles.Contains(billingCycle, StringComparer.OrdinalIgnoreCase);

    public bool AttachesTo(string baseOfferId) =>
        AddOnOf.Contains(baseOfferId, StringComparer.OrdinalIgnoreCase);

    public bool AllowsTermDuration(string termDuration) =>
        TermDurations.Contains(termDuration, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The order error a checkout reports for the order group holding an offer that is always refused.</summary>
internal sealed record CheckoutRefusal(int Code, string Description);
