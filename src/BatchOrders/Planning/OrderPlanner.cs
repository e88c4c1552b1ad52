using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// Groups valid rows into orders by (customer, billing cycle, target order, order group), keeping input order,
/// numbering line items from 0 and splitting groups larger than the line-item limit into consecutive parts.
/// </summary>
public static class OrderPlanner
{
    public static OrderPlan Plan(string file, IReadOnlyList<OrderRow> rows, PlanningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new PlanningOptions();

        var errors = options.AllowDuplicates ? [] : FindDuplicates(file, rows);
        var groups = new Dictionary<GroupKey, List<OrderRow>>();
        var groupOrder = new List<GroupKey>();
        foreach (var row in rows)
        {
            var key = new GroupKey(row.CustomerId, row.BillingCycle, row.OrderId, row.OrderGroup?.ToUpperInvariant());
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups.Add(key, members);
                groupOrder.Add(key);
            }

            members.Add(row);
        }

        var orders = new List<PlannedOrder>(groupOrder.Count);
        foreach (var key in groupOrder)
        {
            var members = groups[key];
            var part = 0;
            foreach (var chunk in members.Chunk(options.MaxLineItemsPerOrder))
            {
                var orderKey = OrderKeys.Compute(key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, part, chunk);
                var groupKey = OrderKeys.Group(key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, part);
                var lineItems = chunk.Select((row, number) => new PlannedLineItem(number, row)).ToArray();
                orders.Add(new PlannedOrder(orderKey, groupKey, key.CustomerId, key.BillingCycle, key.OrderId, chunk[0].OrderGroup, part, lineItems));
                part++;
            }
        }

        return new OrderPlan(orders, errors);
    }

    private static List<RowError> FindDuplicates(string file, IReadOnlyList<OrderRow> rows)
    {
        var errors = new List<RowError>();
        var firstRow = new Dictionary<DuplicateKey, OrderRow>();
        foreach (var row in rows)
        {
            var key = new DuplicateKey(row.CustomerId, row.BillingCycle, row.OfferId, row.ParentSubscriptionId);
            if (!firstRow.TryAdd(key, row))
            {
                var first = firstRow[key];
                var cycle = row.BillingCycle is { } c ? $"{c} billing" : "the default billing cycle";
                errors.Add(new RowError(
                    file, row.Location.Sheet, row.Location.Row, InputColumns.Get(InputColumn.OfferId).Name, row.OfferId,
                    $"Offer {row.OfferId} is already ordered for customer {row.CustomerId} with {cycle} on row {first.Location.Row}: " +
                    "put the total quantity on one row, or use --allow-duplicates if two subscriptions are intended."));
            }
        }

        return errors;
    }

    private readonly record struct GroupKey(string CustomerId, BillingCycle? BillingCycle, string? OrderId, string? OrderGroup);

    private readonly record struct DuplicateKey(string CustomerId, BillingCycle? BillingCycle, string OfferId, string? ParentSubscriptionId);
}
