namespace BatchOrders.Planning;

/// <summary>What a plan amounts to: customers, orders, line items and the quantity of each offer.</summary>
public sealed record PlanSummary(
    int Customers,
    int Orders,
    int AddOnOrders,
    int LineItems,
    long TotalQuantity,
    IReadOnlyList<OfferTotal> Offers);

/// <summary>How many line items and licences of one offer a plan orders.</summary>
public sealed record OfferTotal(string OfferId, int LineItems, long Quantity);
