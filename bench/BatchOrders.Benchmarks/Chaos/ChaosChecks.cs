using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Sandbox;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// The exactly-once verdict: the sandbox's ledger against the plan (duplicates, missing, unexpected, line items
/// that differ) and against the journal (state, order id, request and correlation ids, subscription ids).
/// </summary>
internal static class ChaosChecks
{
    public static List<string> Compare(OrderPlan plan, IReadOnlyList<LedgerOrder> ledger, IReadOnlyList<JournalOrder> journal)
    {
        var problems = new List<string>();
        var created = ledger.Where(e => e.Kind == LedgerOrder.CreateKind).ToLookup(e => e.CustomerId);
        var planned = plan.Orders.ToDictionary(o => Guid.Parse(o.CustomerId));
        var journaled = journal.ToDictionary(o => o.OrderKey);

        foreach (var entry in ledger.Where(e => e.Kind != LedgerOrder.CreateKind))
        {
            problems.Add($"unexpected {entry.Kind} {entry.OrderId} for customer {entry.CustomerId} (request {entry.RequestId})");
        }

        foreach (var group in created.Where(g => g.Count() > 1))
        {
            problems.Add($"DUPLICATE: customer {group.Key} has {group.Count()} orders: " +
                         string.Join(", ", group.Select(e => $"{e.OrderId} (request {e.RequestId}, {e.CreatedAt:HH:mm:ss.fff})")));
        }

        foreach (var group in created.Where(g => !planned.ContainsKey(g.Key)))
        {
            problems.Add($"UNEXPECTED: customer {group.Key} is not in the plan but has order {group.First().OrderId}");
        }

        foreach (var (customer, order) in planned)
        {
            var entry = created[customer].FirstOrDefault();
            if (entry is null)
            {
                problems.Add($"MISSING: order {order.OrderKey} (customer {customer}) is not in the ledger");
                continue;
            }

            var expected = order.LineItems.Select(l => $"{l.LineItemNumber}:{l.Row.OfferId.ToUpperInvariant()}x{l.Row.Quantity}");
            var actual = entry.LineItems.Select(l => $"{l.LineItemNumber}:{l.OfferId.ToUpperInvariant()}x{l.Quantity}");
            if (!expected.SequenceEqual(actual))
            {
                problems.Add($"LINE ITEMS differ for {order.OrderKey}: planned {string.Join(' ', expected)}, ledger {string.Join(' ', actual)}");
            }

            if (!journaled.TryGetValue(order.OrderKey, out var recorded))
            {
                problems.Add($"JOURNAL has no order {order.OrderKey}");
                continue;
            }

            var disagreements = new List<string>();
            if (recorded.State != OrderState.Succeeded)
            {
                disagreements.Add($"state {recorded.State}");
            }

            if (recorded.PartnerOrderId != entry.OrderId)
            {
                disagreements.Add($"order id {recorded.PartnerOrderId ?? "none"} vs ledger {entry.OrderId}");
            }

            if (recorded.RequestId != entry.RequestId || recorded.CorrelationId != entry.CorrelationId)
            {
                disagreements.Add($"request/correlation id {recorded.RequestId}/{recorded.CorrelationId} vs ledger {entry.RequestId}/{entry.CorrelationId}");
            }

            var subscriptions = entry.LineItems.ToDictionary(l => l.LineItemNumber, l => l.SubscriptionId.ToString("D"));
            foreach (var line in recorded.LineItems.Where(l => !string.Equals(l.SubscriptionId, subscriptions.GetValueOrDefault(l.LineItemNumber), StringComparison.OrdinalIgnoreCase)))
            {
                disagreements.Add($"line {line.LineItemNumber} subscription {line.SubscriptionId ?? "none"} vs ledger {subscriptions.GetValueOrDefault(line.LineItemNumber) ?? "none"}");
            }

            if (disagreements.Count > 0)
            {
                problems.Add($"JOURNAL/LEDGER disagree on {order.OrderKey}: {string.Join("; ", disagreements)}");
            }
        }

        foreach (var order in journal.Where(o => !planned.ContainsKey(Guid.Parse(o.CustomerId))))
        {
            problems.Add($"JOURNAL has order {order.OrderKey} that is not in the plan (state {order.State})");
        }

        return problems;
    }
}
