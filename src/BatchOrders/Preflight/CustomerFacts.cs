using BatchOrders.PartnerCenter;

namespace BatchOrders.Preflight;

/// <summary>What the preflight read about one customer: whether it is the partner's, its country, account status and subscriptions.</summary>
internal sealed record CustomerFacts(
    string CustomerId,
    PartnerRead<WireCustomer> Customer,
    string? Country,
    PartnerRead<WireValidationStatus>? AccountStatus,
    IReadOnlyList<WireSubscription>? Subscriptions)
{
    /// <summary>The key of the read of <see cref="Subscriptions"/>, for the findings that rest on it.</summary>
    public string? SubscriptionsKey { get; init; }

    /// <summary>Whether the customer could be read as the partner's.</summary>
    public bool IsKnown => Customer.Value is not null && Country is not null;

    /// <summary>The customer's subscription with this id, if it has one.</summary>
    public WireSubscription? Subscription(string subscriptionId) =>
        Subscriptions?.FirstOrDefault(s => string.Equals(s.Id, subscriptionId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The customer's country: its billing profile's (the company address is left out without delegated access).</summary>
    public static string? CountryOf(WireCustomer customer) =>
        customer.BillingProfile?.DefaultAddress?.Country ?? customer.CompanyProfile?.Address?.Country;
}
