using System.Collections.Concurrent;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Preflight;

/// <summary>
/// The preflight's reads of Partner Center, each made once per run however many rows need it (the customer, its
/// account status and subscriptions; a SKU per country, a SKU's availabilities per customer; a legacy offer per
/// country), and counted by kind for the what-if.
/// </summary>
internal sealed class PreflightReads(ReadAttempts attempts)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AttemptOutcome>>> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Reads made so far, by kind.</summary>
    public IReadOnlyDictionary<string, int> Counts => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    public Task<PartnerRead<WireCustomer>> Customer(string customer) => Get<WireCustomer>("customer", $"{Customers}/{Escape(customer)}");

    public Task<PartnerRead<WireValidationStatus>> ValidationStatus(string customer) =>
        Get<WireValidationStatus>("account status", $"{Customers}/{Escape(customer)}/validationStatus?type=account");

    public Task<PartnerRead<WireCollection<WireSubscription>>> Subscriptions(string customer) =>
        Get<WireCollection<WireSubscription>>("subscriptions", $"{Customers}/{Escape(customer)}/subscriptions");

    /// <summary>A SKU, read once per country: its quantities and add-on facts do not depend on the customer.</summary>
    public Task<PartnerRead<WireSku>> Sku(string country, string product, string sku) =>
        Get<WireSku>("sku", $"v1/products/{Escape(product)}/skus/{Escape(sku)}?country={Escape(country)}");

    /// <summary>Today's availabilities of a SKU for a customer (its country and segment set them).</summary>
    public Task<PartnerRead<WireCollection<WireAvailability>>> Availabilities(string customer, string product, string sku) =>
        Get<WireCollection<WireAvailability>>("availabilities", $"{Customers}/{Escape(customer)}/products/{Escape(product)}/skus/{Escape(sku)}/availabilities");

    /// <summary>One availability by id: a list can hold fewer terms than the availability itself.</summary>
    public Task<PartnerRead<WireAvailability>> Availability(string customer, string product, string sku, string availability) =>
        Get<WireAvailability>("availability", $"{Customers}/{Escape(customer)}/products/{Escape(product)}/skus/{Escape(sku)}/availabilities/{Escape(availability)}");

    /// <summary>A SKU's availabilities in a country, every segment: read only to say why a customer's list is empty.</summary>
    public Task<PartnerRead<WireCollection<WireAvailability>>> CountryAvailabilities(string country, string product, string sku) =>
        Get<WireCollection<WireAvailability>>("availabilities by country", $"v1/products/{Escape(product)}/skus/{Escape(sku)}/availabilities?country={Escape(country)}");

    public Task<PartnerRead<WireOffer>> Offer(string offerId, string country) =>
        Get<WireOffer>("legacy offer", $"v1/offers/{Escape(offerId)}?country={Escape(country)}");

    public async Task<PartnerRead<WireCollection<WirePromotionEligibilities>>> Eligibilities(string customer, WirePromotionEligibilitiesRequest request) =>
        PartnerRead<WireCollection<WirePromotionEligibilities>>.Of(await Send("promotion eligibility", HttpMethod.Post, $"{Customers}/{Escape(customer)}/promotionEligibilities", request));

    public async Task<PartnerRead<WireValidateResellersResponse>> Resellers(IReadOnlyList<string> partnerIds) =>
        PartnerRead<WireValidateResellersResponse>.Of(await Send("reseller validation", HttpMethod.Post, "v1/partners/validateresellers", new WireValidateResellersRequest(partnerIds)));

    private const string Customers = "v1/customers";

    private async Task<PartnerRead<T>> Get<T>(string kind, string path)
        where T : class =>
        PartnerRead<T>.Of(await _reads.GetOrAdd(path, p => new Lazy<Task<AttemptOutcome>>(() => Send(kind, HttpMethod.Get, p, null))).Value);

    private Task<AttemptOutcome> Send(string kind, HttpMethod method, string path, object? body)
    {
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        return attempts.RunAsync(method, path, body);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
