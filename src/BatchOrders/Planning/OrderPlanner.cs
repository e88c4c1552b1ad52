using System.Runtime.InteropServices;
using System.Security.Cryptography;
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

        // Each row's group, groups numbered in order of their first row; then the rows laid out group by group
        // (a stable counting sort), so that a group is a slice of one array rather than a list of its own.
        var groupIndex = new Dictionary<GroupKey, int>();
        var keys = new List<GroupKey>();
        var sizes = new List<int>();
        var groupOfRow = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var key = new GroupKey(row.CustomerId, row.BillingCycle, row.OrderId, row.OrderGroup?.ToUpperInvariant());
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(groupIndex, key, out var exists);
            if (!exists)
            {
                index = keys.Count;
                keys.Add(key);
                sizes.Add(0);
            }

            groupOfRow[i] = index;
            CollectionsMarshal.AsSpan(sizes)[index]++;
        }

        var starts = new int[keys.Count];
        for (int g = 1; g < starts.Length; g++)
        {
            starts[g] = starts[g - 1] + sizes[g - 1];
        }

        var grouped = new OrderRow[rows.Count];
        var next = (int[])starts.Clone();
        for (var i = 0; i < rows.Count; i++)
        {
            grouped[next[groupOfRow[i]]++] = rows[i];
        }

        var orders = new List<PlannedOrder>(keys.Count);
        var limit = options.MaxLineItemsPerOrder;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var g = 0; g < keys.Count; g++)
        {
            var key = keys[g];
            var members = grouped.AsSpan(starts[g], sizes[g]);
            for (int start = 0, part = 0; start < members.Length; start += limit, part++)
            {
                var chunk = members.Slice(start, Math.Min(limit, members.Length - start));
                var orderKey = OrderKeys.Compute(hash, key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, part, chunk);
                var lineItems = new PlannedLineItem[chunk.Length];
                for (var number = 0; number < chunk.Length; number++)
                {
                    lineItems[number] = new PlannedLineItem(number, chunk[number]);
                }

                var groupKey = OrderKeys.Group(hash, key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, part);
                orders.Add(new PlannedOrder(orderKey, groupKey, key.CustomerId, key.BillingCycle, key.OrderId, chunk[0].OrderGroup, part, lineItems));
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
