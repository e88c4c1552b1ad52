namespace BatchOrders.PartnerCenter;

/// <summary>
/// An order as Partner Center answers it (camelCase). Only what the tool needs is read, every enum as a plain
/// string, unknown properties ignored: a new server enum value once broke Microsoft's own SDK.
/// </summary>
internal sealed record WireOrderResponse(
    string? Id,
    string? Status,
    string? BillingCycle,
    IReadOnlyList<WireLineItemResponse>? LineItems);

internal sealed record WireLineItemResponse(int LineItemNumber, string? OfferId, string? SubscriptionId, int? Quantity);
