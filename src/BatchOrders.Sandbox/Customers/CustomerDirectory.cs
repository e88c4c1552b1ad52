using System.Globalization;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;

namespace BatchOrders.Sandbox.Customers;

/// <summary>
/// Who the partner's customers are. The seeded customers carry the variety (countries, no relationship, blocked
/// accounts, education); every other GUID is a customer too — a reseller customer in the United States whose account
/// may transact — so files of made-up customers keep working; <see cref="SandboxOptions.UnknownCustomers"/> are not
/// found at all (404 60003).
/// </summary>
internal sealed class CustomerDirectory(SandboxCatalog catalog, IEnumerable<Guid> unknownCustomers)
{
    /// <summary>The country of a customer the sandbox was not seeded with.</summary>
    public const string DefaultCountry = "US";

    private readonly Dictionary<Guid, SeededCustomer> _seeded = catalog.Customers.ToDictionary(c => c.Id);
    private readonly HashSet<Guid> _unknown = [.. unknownCustomers];

    /// <summary>The seeded customers, in seed order.</summary>
    public IReadOnlyList<SeededCustomer> Seeded => catalog.Customers;

    /// <summary>The customer with this tenant id; null when it is not found.</summary>
    public SeededCustomer? Find(Guid customerId) =>
        _unknown.Contains(customerId) ? null
        : _seeded.TryGetValue(customerId, out var seeded) ? seeded
        : new SeededCustomer(customerId, $"Customer {customerId.ToString("N")[..8]}", $"customer-{customerId.ToString("N")[..8]}.onmicrosoft.com",
            DefaultCountry, "Redmond", SeededCustomer.Reseller, "Allowed", []);

    /// <summary>
    /// The customer if the partner may read and transact for it: else 400 (not a GUID), 404 60003 (not found) or
    /// 403 20002 (no commerce relationship), the answers of every route under <c>/v1/customers/{id}</c>.
    /// </summary>
    public (SeededCustomer? Customer, SandboxAnswer? Refusal) Access(string rawCustomer)
    {
        if (!Guid.TryParse(rawCustomer, out var id))
        {
            return (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput, $"The customer tenant id '{rawCustomer}' is not a GUID."));
        }

        var customer = Find(id);
        if (customer is null)
        {
            return (null, SandboxAnswer.Error(404, ErrorCodes.CustomerNotFound, $"Customer tenant {id:D} was not found."));
        }

        return customer.IsPartnersCustomer
            ? (customer, null)
            : (null, SandboxAnswer.Error(403, ErrorCodes.NoCommerceRelationship,
                $"The partner has no commerce relationship with the customer id {id:D}."));
    }

    /// <summary>403 800073/800074/800075 when the customer's account status keeps it from transacting; null when it may.</summary>
    public static SandboxAnswer? CheckMayTransact(SeededCustomer customer) => customer.AccountStatus switch
    {
        "UnderReview" => SandboxAnswer.Error(403, ErrorCodes.AccountUnderReview,
            $"Your customer account is currently under review (customer {customer.Id:D}, {customer.CompanyName}). Check back in few days."),
        "Unknown" => SandboxAnswer.Error(403, ErrorCodes.AccountPendingReview,
            $"Your customer account is currently under review: its validation status is Unknown (customer {customer.Id:D}, {customer.CompanyName}). Check back in few days."),
        "NotAllowed" => SandboxAnswer.Error(403, ErrorCodes.AccountNotApproved,
            $"Your customer account was not approved. Transactions for this customer are not allowed (customer {customer.Id:D}, {customer.CompanyName}). Verify the customer account information is correct."),
        _ => null,
    };

    /// <summary>The currency a customer is billed in, by its country, with its symbol.</summary>
    public static (string Code, string Symbol) CurrencyOf(SeededCustomer? customer) => CurrencyOf(customer?.Country ?? DefaultCountry);

    /// <summary>The currency of a country, with its symbol.</summary>
    public static (string Code, string Symbol) CurrencyOf(string country) => country.ToUpperInvariant() switch
    {
        "GB" => ("GBP", "£"),
        "DE" or "FR" or "NL" or "IT" or "ES" or "AT" or "IE" or "BE" or "FI" => ("EUR", "€"),
        _ => ("USD", "$"),
    };

    /// <summary>The currency of a customer by tenant id (an unknown one pays in dollars, as the default country does).</summary>
    public (string Code, string Symbol) CurrencyOf(Guid customerId) => CurrencyOf(Find(customerId));

    /// <summary>A stable commerce id for a customer, as Partner Center gives one beside the tenant id.</summary>
    public static Guid CommerceIdOf(Guid customerId)
    {
        var bytes = customerId.ToByteArray();
        Array.Reverse(bytes);
        return new Guid(bytes);
    }

    /// <summary>The date an account status was last updated, for answers.</summary>
    public static string LastUpdated => new DateTime(2025, 1, 15, 9, 30, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
