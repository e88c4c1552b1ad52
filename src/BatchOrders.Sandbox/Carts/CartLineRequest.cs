namespace BatchOrders.Sandbox.Carts;

/// <summary>One line item of a create-cart body, parsed but not yet checked against the catalog.</summary>
internal sealed record CartLineRequest(
    int Id,
    string CatalogItemId,
    int Quantity,
    string BillingCycle,
    string? TermDuration,
    string? FriendlyName,
    string? PromotionId,
    IReadOnlyDictionary<string, string>? ProvisioningContext,
    IReadOnlyList<CartParticipant>? Participants,
    bool HasAddOnItems);
