namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// The <c>CartErrorCode</c> names the sandbox puts in a line item's <c>error.errorCode</c> (the SDK serialises the
/// enum by name), and the order error codes it answers at checkout.
/// </summary>
internal static class CartErrorCodes
{
    /// <summary>Unknown catalog item id, or a legacy offer GUID where a catalog item id belongs.</summary>
    public const string CatalogItemIdIsNotValid = "CatalogItemIdIsNotValid";

    /// <summary>A line the sandbox cannot buy through a cart (an add-on).</summary>
    public const string UnableToProcessCartLineItem = "UnableToProcessCartLineItem";

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
