namespace BatchOrders.PartnerCenter;

/// <summary>Partner Center's error codes the tool acts on, by their documented meaning.</summary>
internal static class PartnerCenterCodes
{
    /// <summary>"The partner id has no commerce relationship with the customer id": not the partner's customer.</summary>
    public const string NoCommerceRelationship = "20002";

    /// <summary>Customer tenant not found.</summary>
    public const string CustomerNotFound = "60003";

    /// <summary>Generic not found.</summary>
    public const string NotFound = "1000";

    /// <summary>No account validation status on record (it does not keep the customer from transacting).</summary>
    public const string NoValidationStatus = "600074";

    /// <summary>Subscription not found.</summary>
    public const string SubscriptionNotFound = "20003";

    /// <summary>Product, SKU, availability not found.</summary>
    public const string ProductNotFound = "400013";

    public const string SkuNotFound = "400018";

    public const string AvailabilityNotFound = "400019";

    /// <summary>The Offers API does not serve a new-commerce id.</summary>
    public const string NotAnOffersApiItem = "2100";

    /// <summary>403 codes that refuse one request for a business reason, not the caller's credentials.</summary>
    private static readonly HashSet<string> BusinessRefusals = new(StringComparer.Ordinal)
    {
        NoCommerceRelationship, "2085", "2091", "800073", "800074", "800075", "800088", "800089", "900123",
    };

    public static bool IsBusinessRefusal(string? code) => code is not null && BusinessRefusals.Contains(code);
}
