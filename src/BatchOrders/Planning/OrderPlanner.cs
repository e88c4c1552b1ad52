using System.Runtime.InteropServices;
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

        // Groups in order of their first row; the dictionary only finds a row's group.
        var groupIndex = new Dictionary<GroupKey, int>();
        var groups = new List<(GroupKey Key, List<OrderRow> Members)>();
        foreach (var row in rows)
        {
            var key = new GroupKey(row.CustomerId, row.BillingCycle, row.OrderId, row.OrderGroup?.ToUpperInvariant());
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(groupIndex, key, out var exists);
            if (!exists)
            {
                index = groups.Count;
                groups.Add((key, []));
            }

            groups[index].Members.Add(row);
        }

        var orders = new List<PlannedOrder>(groups.Count);
        var limit = options.MaxLineItemsPerOrder;
        foreach (var (key, members) in groups)
        {
            var all = CollectionsMarshal.AsSpan(members);
            for (int start = 0, part = 0; start < all.Length; start += limit, part++)
            {
                var chunk = all.Slice(start, Math.Min(limit, all.Length - start));
                var orderKey = OrderKeys.Compute(key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, part, chunk);
                var lineItems = new PlannedLineItem[chunk.Length];
                for (var number = 0; number < chunk.Length; number++)
                {
                    lineItems[number] = new PlannedLineItem(number, chunk[number]);
                }

                orders.Add(new PlannedOrder(orderKey, key.CustomerId, key.BillingCycle, key.OrderId, chunk[0].OrderGroup, lineItems));
            }
        }

        return new OrderPlan(orders, errors);
    }

    private static List<RowError> FindDuplicates(string file, IReadOnlyList<OrderRow> rows)
    {
        var errors = new List<RowError>();
        var firstRow = new Dictionary<DuplicateKey, OrderRow>(rows.Count);
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
