using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchOrders.Sandbox.Catalog;

/// <summary>The seeded offers (embedded <c>seed-catalog.json</c>), looked up case-insensitively.</summary>
internal sealed class SandboxCatalog
{
    private const string ResourceName = "BatchOrders.Sandbox.seed-catalog.json";

    private static readonly JsonSerializerOptions FileOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly Dictionary<string, CatalogOffer> _offers;

    private SandboxCatalog(IEnumerable<CatalogOffer> offers, int maxLineItemsPerOrder)
    {
        _offers = offers.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);
        MaxLineItemsPerOrder = maxLineItemsPerOrder;
    }

    public int MaxLineItemsPerOrder { get; }

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
            o.Id, o.Name, o.BillingCycles, o.MinQuantity, o.MaxQuantity, o.AddOnOf ?? [], o.TermDurations ?? []));
        return new SandboxCatalog(offers, file.Limits?.MaxLineItemsPerOrder ?? 50);
    }

    private sealed record CatalogFile(
        [property: JsonRequired] IReadOnlyList<OfferEntry> Offers,
        LimitsEntry? Limits);

    private sealed record OfferEntry(
        string Id,
        string Name,
        IReadOnlyList<string> BillingCycles,
        int MinQuantity,
        int MaxQuantity,
        IReadOnlyList<string>? AddOnOf,
        IReadOnlyList<string>? TermDurations);

    private sealed record LimitsEntry(int MaxLineItemsPerOrder);
}
