using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>The seeded offers (embedded <c>seed-catalog.json</c>), looked up case-insensitively.</summary>
internal sealed class SandboxCatalog
{
    private const string ResourceName = "BatchOrders.Sandbox.seed-catalog.json";

    private static readonly JsonSerializerOptions FileOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly Dictionary<string, CatalogOffer> _offers;

    private SandboxCatalog(IEnumerable<CatalogOffer> offers, int maxLineItemsPerOrder, IReadOnlyList<LedgerOrder> existingOrders)
    {
        _offers = offers.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);
        MaxLineItemsPerOrder = maxLineItemsPerOrder;
        ExistingOrders = existingOrders;
    }

    public int MaxLineItemsPerOrder { get; }

    /// <summary>Orders the customers already have when the sandbox starts: the parents that add-on rows refer to.</summary>
    public IReadOnlyList<LedgerOrder> ExistingOrders { get; }

    public IReadOnlyCollection<CatalogOffer> Offers => _offers.Values;

    public static SandboxCatalog Seeded { get; } = LoadSeed();

    public CatalogOffer? Find(string offerId) => _offers.GetValueOrDefault(offerId);

    private static SandboxCatalog LoadSeed()
    {
        using var stream = typeof(SandboxCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, FileOptions)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is empty.");
        var offers = file.Offers.Select(o => new CatalogOffer(
            o.Id, o.Name, o.BillingCycles, o.MinQuantity, o.MaxQuantity, o.AddOnOf ?? [], o.TermDurations ?? [], o.CheckoutRefusal));
        var existing = (file.ExistingOrders ?? []).Select(o => new LedgerOrder(
            o.OrderId, o.CustomerId, null, null, o.BillingCycle,
            [.. o.LineItems.Select(i => new LedgerLineItem(i.LineItemNumber, i.OfferId, i.Quantity, i.FriendlyName, null, i.SubscriptionId, null, null, null))],
            DateTimeOffset.UnixEpoch, LedgerOrder.ExistingKind));
        return new SandboxCatalog(offers, file.Limits?.MaxLineItemsPerOrder ?? 50, [.. existing]);
    }

    private sealed record CatalogFile(
        [property: JsonRequired] IReadOnlyList<OfferEntry> Offers,
        LimitsEntry? Limits,
        IReadOnlyList<ExistingOrderEntry>? ExistingOrders);

    private sealed record ExistingOrderEntry(string OrderId, Guid CustomerId, string BillingCycle, IReadOnlyList<ExistingLineItemEntry> LineItems);

    private sealed record ExistingLineItemEntry(int LineItemNumber, string OfferId, int Quantity, string? FriendlyName, Guid SubscriptionId);

    private sealed record OfferEntry(
        string Id,
        string Name,
        IReadOnlyList<string> BillingCycles,
        int MinQuantity,
        int MaxQuantity,
        IReadOnlyList<string>? AddOnOf,
        IReadOnlyList<string>? TermDurations,
        CheckoutRefusal? CheckoutRefusal);

    private sealed record LimitsEntry(int MaxLineItemsPerOrder);
}
