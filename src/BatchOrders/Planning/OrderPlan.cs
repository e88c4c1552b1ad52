using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>The planned orders of a batch, in input order, and the planning errors (such as duplicate offers).</summary>
public sealed record OrderPlan(IReadOnlyList<PlannedOrder> Orders, IReadOnlyList<RowError> Errors)
{
    /// <summary>
    /// Rows only the preflight can complete, each with the reason it is needed: a new-commerce id without its
    /// availability (<c>PRODUCT:SKU</c>: today's is read), a legacy add-on without <c>OrderId</c> (its parent
    /// subscription's order is read). Sent as they are, Partner Center would refuse them.
    /// </summary>
    public IReadOnlyList<RowError> AwaitingPreflight { get; init; } = [];

    /// <summary>Counts for the plan's summary screen.</summary>
    public PlanSummary Summarize()
    {
        var byOffer = new Dictionary<string, OfferTotal>(StringComparer.Ordinal);
        var customers = new HashSet<string>(StringComparer.Ordinal);
        var lineItems = 0;
        long quantity = 0;
        foreach (var order in Orders)
        {
            customers.Add(order.CustomerId);
            foreach (var (offerId, itemQuantity) in Purchases(order))
            {
                lineItems++;
                quantity += itemQuantity;
                var total = byOffer.GetValueOrDefault(offerId, new OfferTotal(offerId, 0, 0));
                byOffer[offerId] = total with { LineItems = total.LineItems + 1, Quantity = total.Quantity + itemQuantity };
            }
        }

        return new PlanSummary(
            customers.Count,
            Orders.Count,
            Orders.Count(o => o.IsAddOn),
            lineItems,
            quantity,
            [.. byOffer.Values.OrderByDescending(t => t.Quantity).ThenBy(t => t.OfferId, StringComparer.Ordinal)]);
    }

    // A planner's line items are read from its stored rows, without making a row object for each.
    private static IEnumerable<(string OfferId, int Quantity)> Purchases(PlannedOrder order) =>
        order.LineItems is PlannedLineItems stored ? stored.Purchases() : order.LineItems.Select(i => (i.Row.OfferId, i.Row.Quantity));
}
