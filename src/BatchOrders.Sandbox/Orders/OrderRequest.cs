namespace BatchOrders.Sandbox.Orders;

/// <summary>An order body as a client sent it, parsed but not yet checked against the catalog.</summary>
/// <param name="ReferenceCustomerId">The customer, when the body names it.</param>
/// <param name="BillingCycle">The billing cycle as sent; null when absent or <c>unknown</c> (the SDK's unset value): the default applies.</param>
/// <param name="CurrencyCode">The currency the client expects to pay in, when it says (the REST example sends it).</param>
/// <param name="LineItems">The line items.</param>
internal sealed record OrderRequest(Guid? ReferenceCustomerId, string? BillingCycle, string? CurrencyCode, IReadOnlyList<LineItemRequest> LineItems);

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
