using BatchOrders.Sandbox.Orders;

namespace BatchOrders.Sandbox.Carts;

/// <summary>Builds the Partner Center view of a stored cart.</summary>
internal static class CartView
{
    /// <summary>The cart, its lines priced in the customer's currency.</summary>
    public static CartResource Build(CartRecord cart, (string Code, string Symbol) currency)
    {
        var uri = $"/customers/{cart.CustomerId:D}/carts/{cart.CartId}";
        var lines = cart.LineItems.Select(l => new CartLineItemResource(
                l.Id, l.CatalogItemId, l.FriendlyName, l.Quantity, currency.Code, l.BillingCycle, l.TermDuration, l.PromotionId,
                l.Participants, l.ProvisioningContext, l.OrderGroup, l.Error))
            .ToList();
        return new CartResource(
            cart.CartId,
            cart.CreatedAt.UtcDateTime,
            cart.LastModifiedAt.UtcDateTime,
            cart.ExpiresAt.UtcDateTime,
            cart.Status,
            lines,
            new CartLinks(new ResourceLink(uri, "GET", [])),
            new ResourceAttributes("Cart"));
    }
}
