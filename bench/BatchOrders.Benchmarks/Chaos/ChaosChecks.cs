using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Sandbox;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// The exactly-once verdict, line by line, so one cart checkout that creates several orders and add-ons PATCHed into
/// existing orders count like any other purchase. Every planned line item must be bought exactly once in the
/// sandbox's ledger (DUPLICATE, MISSING, UNEXPECTED otherwise), by its path when the client sends carts (new-commerce
/// lines only in orders with a cart id, the rest only through POST or PATCH), and the journal must agree with the
/// ledger on each line it records as bought: the order and subscription it names, the catalog item id it sent (today's
/// availability when the preflight resolved a stale one), and the request, correlation and cart ids the ledger entry
/// was created with (JOURNAL otherwise). A new-commerce line is known by its product and SKU: which availability it is
/// bought as depends on when it was sent.
/// </summary>
internal static class ChaosChecks
{
    public static List<string> Compare(OrderPlan plan, IReadOnlyList<LedgerOrder> ledger, IReadOnlyList<JournalOrder> journal, bool cartsSent)
    {
        var problems = new List<string>();
        foreach (var entry in ledger.Where(e => e.Kind is not (LedgerOrder.CreateKind or LedgerOrder.PatchKind)))
        {
            problems.Add($"UNEXPECTED {entry.Kind} entry {entry.OrderId} for customer {entry.CustomerId} (request {entry.RequestId})");
        }

        var purchases = ledger.Where(e => e.Kind is LedgerOrder.CreateKind or LedgerOrder.PatchKind)
            .SelectMany(e => e.LineItems.Select(l => new Purchase(e, l)))
            .ToList();
        CompareWithPlan(plan, purchases, cartsSent, problems);
        CompareWithJournal(plan, purchases, journal, cartsSent, problems);
        return problems;
    }

    private static void CompareWithPlan(OrderPlan plan, List<Purchase> purchases, bool cartsSent, List<string> problems)
    {
        var bought = purchases.ToLookup(p => p.Key);
        var planned = plan.Orders.SelectMany(o => o.LineItems.Select(l => (Order: o, l.Row))).ToLookup(r => LineKey.Of(r.Order.CustomerId, r.Row.OfferId, r.Row.Quantity, r.Row.ParentSubscriptionId));
        foreach (var rows in planned)
        {
            var found = bought[rows.Key].ToList();
            var (order, row) = rows.First();
            if (found.Count > rows.Count())
            {
                problems.Add($"DUPLICATE: {rows.Key} (row {row.Location.Row}) bought {found.Count} times: " +
                             string.Join(", ", found.Select(p => $"{p.Entry.Kind} {p.Entry.OrderId} (request {p.Entry.RequestId}, cart {p.Entry.CartId ?? "none"}, {p.Entry.CreatedAt:HH:mm:ss.fff})")));
            }
            else if (found.Count < rows.Count())
            {
                problems.Add($"MISSING: {rows.Key} (row {row.Location.Row}, order {order.OrderKey}) is not in the ledger");
            }

            if (cartsSent)
            {
                foreach (var purchase in found.Where(p => (order.Path == PurchasePath.Cart) != (p.Entry.CartId is not null)))
                {
                    problems.Add($"WRONG PATH: {rows.Key} (row {row.Location.Row}) is planned for the {order.Path} path but was bought by " +
                                 (purchase.Entry.CartId is null ? $"{purchase.Entry.Kind} {purchase.Entry.OrderId} without a cart" : $"cart {purchase.Entry.CartId}"));
                }
            }
        }

        foreach (var extra in bought.Where(b => !planned.Contains(b.Key)))
        {
            var first = extra.First();
            problems.Add($"UNEXPECTED: {extra.Key} is not in the plan but was bought in {first.Entry.OrderId} (request {first.Entry.RequestId})");
        }
    }

    private static void CompareWithJournal(OrderPlan plan, List<Purchase> purchases, IReadOnlyList<JournalOrder> journal, bool cartsSent, List<string> problems)
    {
        var bySubscription = purchases.GroupBy(p => p.Line.SubscriptionId).ToDictionary(g => g.Key, g => g.First());
        var journaled = journal.ToDictionary(o => o.OrderKey, StringComparer.Ordinal);
        var claimed = new HashSet<Guid>();
        foreach (var order in plan.Orders)
        {
            if (!journaled.TryGetValue(order.OrderKey, out var recorded))
            {
                problems.Add($"JOURNAL has no order {order.OrderKey} (customer {order.CustomerId})");
                continue;
            }

            var disagreements = new List<string>();
            if (recorded.State != OrderState.Succeeded)
            {
                disagreements.Add($"state {recorded.State}");
            }

            foreach (var line in recorded.LineItems)
            {
                Agree(recorded, line, bySubscription, cartsSent, claimed, disagreements);
            }

            if (disagreements.Count > 0)
            {
                problems.Add($"JOURNAL/LEDGER disagree on {order.OrderKey} ({recorded.Path}, customer {order.CustomerId}): {string.Join("; ", disagreements)}");
            }
        }

        var plannedKeys = plan.Orders.Select(o => o.OrderKey).ToHashSet(StringComparer.Ordinal);
        foreach (var order in journal.Where(o => !plannedKeys.Contains(o.OrderKey) && o.State != OrderState.Superseded))
        {
            problems.Add($"JOURNAL has order {order.OrderKey} that is not in the plan (state {order.State})");
        }

        foreach (var purchase in purchases.Where(p => !claimed.Contains(p.Line.SubscriptionId)))
        {
            problems.Add($"JOURNAL does not record {purchase.Key}, bought in {purchase.Entry.Kind} {purchase.Entry.OrderId} " +
                         $"(subscription {purchase.Line.SubscriptionId}, request {purchase.Entry.RequestId})");
        }
    }

    /// <summary>One journal line against the ledger line it names by its subscription.</summary>
    private static void Agree(JournalOrder order, JournalLineItem line, Dictionary<Guid, Purchase> bySubscription, bool cartsSent, HashSet<Guid> claimed, List<string> disagreements)
    {
        var name = $"line {line.LineItemNumber}";
        if (!Guid.TryParse(line.SubscriptionId, out var subscription) || line.PartnerOrderId is null)
        {
            disagreements.Add($"{name} not bought");
            return;
        }

        if (!bySubscription.TryGetValue(subscription, out var purchase))
        {
            disagreements.Add($"{name}: subscription {subscription} of order {line.PartnerOrderId} is not in the ledger");
            return;
        }

        var key = LineKey.Of(order.CustomerId, line.OfferId, line.Quantity, line.ParentSubscriptionId);
        if (key != purchase.Key)
        {
            disagreements.Add($"{name}: journal {key} vs ledger {purchase.Key}");
        }

        if (!string.Equals(purchase.Line.OfferId, line.OfferToSend, StringComparison.OrdinalIgnoreCase))
        {
            disagreements.Add($"{name}: sent {line.OfferToSend} vs ledger {purchase.Line.OfferId}");
        }

        if (purchase.Entry.OrderId != line.PartnerOrderId)
        {
            disagreements.Add($"{name}: order id {line.PartnerOrderId} vs ledger {purchase.Entry.OrderId}");
        }

        if (line.AdoptedFrom is not null)
        {
            // Bought by another version of the order, which answers for the request that bought it.
            return;
        }

        if (!claimed.Add(subscription))
        {
            disagreements.Add($"{name}: subscription {subscription} is also recorded by another line");
        }

        if (cartsSent && order.Path == PurchasePath.Cart)
        {
            if (purchase.Entry.CartId != order.CartId || purchase.Entry.RequestId != order.CheckoutRequestId)
            {
                disagreements.Add($"{name}: cart/checkout request {order.CartId ?? "none"}/{order.CheckoutRequestId} vs ledger {purchase.Entry.CartId ?? "none"}/{purchase.Entry.RequestId}");
            }
        }
        else
        {
            if (purchase.Entry.RequestId != order.RequestId)
            {
                disagreements.Add($"{name}: request id {order.RequestId} vs ledger {purchase.Entry.RequestId}");
            }

            if (purchase.Entry.Kind == LedgerOrder.CreateKind && purchase.Line.LineItemNumber != line.LineItemNumber)
            {
                disagreements.Add($"{name}: ledger line number {purchase.Line.LineItemNumber}");
            }
        }

        if (purchase.Entry.CorrelationId != order.CorrelationId)
        {
            disagreements.Add($"{name}: correlation id {order.CorrelationId} vs ledger {purchase.Entry.CorrelationId}");
        }
    }

    /// <summary>A line item as the ledger holds it, with the entry (order, PATCH or checkout) that created it.</summary>
    private sealed record Purchase(LedgerOrder Entry, LedgerLineItem Line)
    {
        public LineKey Key { get; } = LineKey.Of(Entry.CustomerId.ToString("D"), Line.OfferId, Line.Quantity, Line.ParentSubscriptionId?.ToString("D"));
    }

    /// <summary>
    /// What a line buys, spelled the same whichever side wrote it: customer, offer (a catalog item by <c>PRODUCT:SKU</c>),
    /// quantity and, for add-ons, the parent subscription.
    /// </summary>
    private readonly record struct LineKey(Guid Customer, string Offer, int Quantity, Guid? Parent)
    {
        public static LineKey Of(string customer, string offer, int quantity, string? parent) =>
            new(Guid.Parse(customer), string.Join(':', offer.Split(':').Take(2)).ToUpperInvariant(), quantity, Guid.TryParse(parent, out var id) ? id : null);

        public override string ToString() =>
            $"customer {Customer} offer {Offer} x{Quantity}{(Parent is { } parent ? $" (add-on of {parent})" : string.Empty)}";
    }
}
