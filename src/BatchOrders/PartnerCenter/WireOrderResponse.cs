namespace BatchOrders.PartnerCenter;

/// <summary>
/// An order as Partner Center answers it (camelCase). Only what the tool needs is read, every enum as a plain
/// string, unknown properties ignored: a new server enum value once broke Microsoft's own SDK.
/// </summary>
internal sealed record WireOrderResponse(
    string? Id,
    string? Status,
    string? BillingCycle,
    DateTimeOffset? CreationDate,
    IReadOnlyList<WireLineItemResponse>? LineItems);

/// <summary>A line item of an answered order; a new-commerce line may not carry its subscription yet.</summary>
internal sealed record WireLineItemResponse(int LineItemNumber, string? OfferId, string? SubscriptionId, int? Quantity, string? TermDuration);

/// <summary>A collection answer (<c>GET …/orders</c>): the items, whatever else it carries.</summary>
internal sealed record WireOrderCollection(IReadOnlyList<WireOrderResponse>? Items);
