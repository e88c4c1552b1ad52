namespace BatchOrders.Sandbox;

/// <summary>
/// The operation families the sandbox throttles, each on a sliding window of its own with its own ceiling and key,
/// as Partner Center limits its routes one by one (see the sandbox's README, "Throttling"). A route's family is
/// declared where it is mapped; a route that declares none is a read when it is a GET.
/// </summary>
public enum ThrottleFamily
{
    /// <summary>Orders created (<c>POST …/orders</c>) and add-ons bought into an order (<c>PATCH …/orders/{id}</c>).</summary>
    OrderWrites,

    /// <summary>Carts created or updated (<c>POST …/carts</c>, <c>PUT …/carts/{id}</c>).</summary>
    Carts,

    /// <summary>Carts checked out (<c>POST …/carts/{id}/checkout</c>).</summary>
    Checkout,

    /// <summary>Everything read-only: orders, carts, subscriptions, customers, catalog, and any GET without a family of its own.</summary>
    Reads,
}
