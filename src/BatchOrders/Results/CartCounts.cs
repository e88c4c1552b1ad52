using BatchOrders.Journal;
using BatchOrders.Planning;

namespace BatchOrders.Results;

/// <summary>The cart path at a glance: orders that take it, those with a cart created, and those whose cart was checked out.</summary>
public sealed record CartCounts(int Orders, int Created, int CheckedOut)
{
    /// <summary>Counts the current (not superseded) cart-path orders.</summary>
    public static CartCounts Of(IReadOnlyList<JournalOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var carts = orders.Where(o => o.Path == PurchasePath.Cart && o.State != OrderState.Superseded).ToList();
        var created = carts.Where(o => o.CartId is not null).ToList();
        return new CartCounts(carts.Count, created.Count, created.Count(o => o.State is OrderState.Succeeded or OrderState.Failed));
    }
}
