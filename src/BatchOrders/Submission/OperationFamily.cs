namespace BatchOrders.Submission;

/// <summary>
/// The kinds of request Partner Center throttles each on a window of its own, with its own ceiling, key and
/// Retry-After (docs/ARCHITECTURE.md, "Throughput"): a 429 of one family says nothing about another's window.
/// </summary>
public enum OperationFamily
{
    /// <summary>Orders created (<c>POST …/orders</c>) and add-ons bought into an order (<c>PATCH …/orders/{id}</c>).</summary>
    OrderWrites,

    /// <summary>Carts created or updated (<c>POST …/carts</c>, <c>PUT …/carts/{id}</c>).</summary>
    Carts,

    /// <summary>Carts checked out (<c>POST …/carts/{id}/checkout</c>).</summary>
    Checkout,

    /// <summary>Reads: orders, subscriptions, customers, catalog, and the read-only POSTs (promotion eligibility, resellers).</summary>
    Reads,
}
