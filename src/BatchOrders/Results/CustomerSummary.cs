using BatchOrders.Journal;

namespace BatchOrders.Results;

/// <summary>One customer's orders in a batch, counted by state (superseded versions left out).</summary>
public sealed record CustomerSummary(string CustomerId, int Orders, int LineItems, IReadOnlyDictionary<OrderState, int> States)
{
    /// <summary>Orders that failed, conflict, or have not got a definitive answer yet.</summary>
    public int Open => States[OrderState.Failed] + States[OrderState.Conflict] + States[OrderState.Pending] + States[OrderState.Sending];
}
