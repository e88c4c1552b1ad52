using System.Collections.Concurrent;
using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Preflight;

/// <summary>
/// The preflight's reads of Partner Center, each made once per run however many rows need it (the customer, its
/// account status and subscriptions; a SKU per country, a SKU's availabilities per customer; a legacy offer per
/// country; a customer's promotion eligibility), and counted by kind for the what-if. Each read that gets an answer is
/// kept in the journal as it is made (<see cref="KeptReads"/>), keyed by its request, and a rerun reuses a kept read
/// young enough instead of reading again — unless it is told to read it again (<see cref="ReadAgain"/>): the preflight
/// never lets a finding rest on a reused read (docs/ARCHITECTURE.md, "Reads kept for a rerun"). Reseller validations
/// (one per 100 partner ids) are made anew each run.
/// </summary>
internal sealed class PreflightReads(ReadAttempts attempts, KeptReads kept, TimeProvider time)
{
    private static readonly JsonSerializerOptions KeyJson = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, Lazy<Task<AttemptOutcome>>> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _readAgain = new(StringComparer.Ordinal);

    /// <summary>Reads made so far, by kind (reads reused from the journal are not made).</summary>
    public IReadOnlyDictionary<string, int> Counts => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>The keys of the reads answered from the journal rather than read.</summary>
    public IReadOnlyCollection<string> Reused => [.. _reused.Keys];

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

    /// <summary>A customer's eligibility for promotions (a POST that changes nothing), kept under its path and request.</summary>
    public Task<PartnerRead<WireCollection<WirePromotionEligibilities>>> Eligibilities(string customer, WirePromotionEligibilitiesRequest request) =>
        Get<WireCollection<WirePromotionEligibilities>>("promotion eligibility", $"{Customers}/{Escape(customer)}/promotionEligibilities", request);

    public async Task<PartnerRead<WireValidateResellersResponse>> Resellers(IReadOnlyList<string> partnerIds) =>
        PartnerRead<WireValidateResellersResponse>.Of(await Send("reseller validation", HttpMethod.Post, "v1/partners/validateresellers", new WireValidateResellersRequest(partnerIds)));

    /// <summary>
    /// Reads <paramref name="keys"/> again, from Partner Center, the next time they are asked for: what this run
    /// reused of them produced a finding.
    /// </summary>
    public void ReadAgain(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            _readAgain[key] = true;
            _reused.TryRemove(key, out _);
            _reads.TryRemove(key, out _);
        }
    }

    /// <summary>Writes into the journal the reads not yet kept there, and forgets <paramref name="withFindings"/>: a rerun reads those again.</summary>
    public void Keep(IReadOnlyCollection<string> withFindings) => kept.Forget(withFindings);

    private const string Customers = "v1/customers";

    private async Task<PartnerRead<T>> Get<T>(string kind, string path, object? body = null)
        where T : class
    {
        var key = body is null ? path : $"{path} {JsonSerializer.Serialize(body, body.GetType(), KeyJson)}";
        var outcome = await _reads.GetOrAdd(key, k => new Lazy<Task<AttemptOutcome>>(() => ReadOrReuse<T>(kind, k, path, body))).Value;
        return PartnerRead<T>.Of(outcome) with { Key = key };
    }

    private async Task<AttemptOutcome> ReadOrReuse<T>(string kind, string key, string path, object? body)
        where T : class
    {
        // Dated from when the read began, as the repeat check's are: a change made while it was under way may be missing from it.
        var started = time.GetUtcNow();
        if (!_readAgain.ContainsKey(key) && kept.Find(key, started) is { } keptBody && WireAnswers.Of<T>(keptBody) is not null)
        {
            _reused[key] = true;
            return new AttemptOutcome.Read(200, keptBody);
        }

        var outcome = await Send(kind, body is null ? HttpMethod.Get : HttpMethod.Post, path, body);
        if (outcome is AttemptOutcome.Read read && WireAnswers.Of<T>(read.Body) is not null)
        {
            kept.Keep(key, read.Body, started);
        }

        return outcome;
    }

    private Task<AttemptOutcome> Send(string kind, HttpMethod method, string path, object? body)
    {
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        return attempts.RunAsync(method, path, body);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
