namespace BatchOrders.Planning;

/// <summary>How an order is bought (docs/ARCHITECTURE.md, "Purchase paths").</summary>
public enum PurchasePath
{
    /// <summary>The orders API: <c>POST …/orders</c>, or <c>PATCH …/orders/{id}</c> for add-ons to an existing order.</summary>
    Order,

    /// <summary>A cart: <c>POST …/carts</c>, then <c>POST …/carts/{id}/checkout</c>; how new-commerce licences are bought.</summary>
    Cart,
}
