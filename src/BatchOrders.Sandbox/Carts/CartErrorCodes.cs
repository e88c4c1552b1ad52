namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// The <c>CartErrorCode</c> names the sandbox puts in a line item's <c>error.errorCode</c> (the SDK serialises the
/// enum by name), and the order error codes it answers at checkout.
/// </summary>
internal static class CartErrorCodes
{
    /// <summary>Unknown catalog item id, an availability that is no longer today's, or an item not sold to this customer.</summary>
    public const string CatalogItemIdIsNotValid = "CatalogItemIdIsNotValid";

    /// <summary>A line the sandbox cannot buy through a cart: an add-on without a parent subscription, nested add-on items.</summary>
    public const string UnableToProcessCartLineItem = "UnableToProcessCartLineItem";

    /// <summary>An add-on's parent subscription is not the customer's, not active, or not of a base the add-on attaches to.</summary>
    public const string SubscriptionIsNotValid = "SubscriptionIsNotValid";

    /// <summary>The line's promotion does not apply to it.</summary>
    public const string InvalidPromotionId = "InvalidPromotionId";

    /// <summary>A legacy licence-based offer in a cart (Partner Center: 500600, no longer eligible for purchase).</summary>
    public const string LegacyOfferNotEligibleForPurchase = "LegacyOfferNotEligibleForPurchase";

    /// <summary>Quantity, billing cycle or term not sold for the catalog item.</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>404: no such cart for this customer, or an active cart that expired.</summary>
    public const int CartNotFound = 800008;

    /// <summary>400: checkout of a cart whose line items still hold errors; nothing is ordered.</summary>
    public const int CartItemError = 800009;

    /// <summary>Order error of a group refused by <see cref="SandboxOptions.OrderGroupRefusalRate"/>: inventory not available.</summary>
    public const int InventoryNotAvailable = 800010;

    /// <summary>409: another checkout of this cart is being processed.</summary>
    public const int CartProcessedByAnotherRequest = 800064;

    /// <summary>400: the cart was already checked out (with <see cref="RepeatedCheckout.AlreadySubmittedError"/>).</summary>
    public const int CartAlreadySubmitted = 800065;
}
