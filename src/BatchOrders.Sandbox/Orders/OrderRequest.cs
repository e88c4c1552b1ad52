namespace BatchOrders.Sandbox.Orders;

/// <summary>An order body as a client sent it, parsed but not yet checked against the catalog.</summary>
internal sealed record OrderRequest(Guid? ReferenceCustomerId, string? BillingCycle, IReadOnlyList<LineItemRequest> LineItems);

/// <summary>One line item of an <see cref="OrderRequest"/>.</summary>
internal sealed record LineItemRequest(
    int LineItemNumber,
    string OfferId,
    int Quantity,
    string? FriendlyName,
    Guid? ParentSubscriptionId,
    string? TermDuration,
    string? PromotionId,
    string? PartnerIdOnRecord);
