using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>The planned orders of a batch, in input order, and the planning errors (such as duplicate offers).</summary>
public sealed record OrderPlan(IReadOnlyList<PlannedOrder> Orders, IReadOnlyList<RowError> Errors)
{
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
            foreach (var item in order.LineItems)
            {
                lineItems++;
                quantity += item.Row.Quantity;
                var total = byOffer.GetValueOrDefault(item.Row.OfferId, new OfferTotal(item.Row.OfferId, 0, 0));
                byOffer[item.Row.OfferId] = total with { LineItems = total.LineItems + 1, Quantity = total.Quantity + item.Row.Quantity };
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
}
