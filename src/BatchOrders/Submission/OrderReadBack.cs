using BatchOrders.Journal;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// Reads a customer's orders back to learn what became of an order whose answer never came: for a stale request id
/// (how long Partner Center remembers one is not documented) and for a cart already checked out or expired. Only
/// orders created since the order's request was first used (less a margin for the two clocks), in its billing cycle,
/// that this journal does not already account for, are taken.
/// </summary>
internal sealed class OrderReadBack(BatchJournal journal, PartnerCenterClient client)
{
    // An order created a little before our clock says we first sent is still ours: the two clocks need not agree.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>The lines of <paramref name="order"/> found bought, by line number; null when the orders could not be read.</summary>
    public async Task<Dictionary<int, LineOutcome>?> FindAsync(JournalOrder order, StepAttempts attempts)
    {
        var read = await attempts.RunAsync(OperationFamily.Reads, order.CustomerId, order.OrderKey, Guid.NewGuid(), token => client.ListOrdersAsync(order.CustomerId, order.CorrelationId, token));
        if (read.Outcome is not AttemptOutcome.OrdersListed listed)
        {
            return null;
        }

        var known = journal.GetPartnerOrderIds(order.CustomerId);
        var since = (order.RequestFirstUsedAt ?? order.CreatedAt) - ClockSkew;
        return PlacedLineMatcher.Match(order.LineItems, listed.Orders.Where(o =>
            !known.Contains(o.Id)
            && (o.CreationDate is null || o.CreationDate >= since)
            && (order.BillingCycle is null || string.Equals(o.BillingCycle, order.BillingCycle, StringComparison.OrdinalIgnoreCase))));
    }
}
