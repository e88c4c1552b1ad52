namespace BatchOrders.Sandbox.Catalog;

/// <summary>One offer of the seeded catalog and the rules the sandbox enforces for it.</summary>
internal sealed record CatalogOffer(
    string Id,
    string Name,
    IReadOnlyList<string> BillingCycles,
    int MinQuantity,
    int MaxQuantity,
    IReadOnlyList<string> AddOnOf,
    IReadOnlyList<string> TermDurations)
{
    public bool IsAddOn => AddOnOf.Count > 0;

    public bool AllowsBillingCycle(string billingCycle) =>
        BillingCycles.Contains(billingCycle, StringComparer.OrdinalIgnoreCase);

    public bool AttachesTo(string baseOfferId) =>
        AddOnOf.Contains(baseOfferId, StringComparer.OrdinalIgnoreCase);

    public bool AllowsTermDuration(string termDuration) =>
        TermDurations.Contains(termDuration, StringComparer.OrdinalIgnoreCase);
}
