using System.Collections.Concurrent;
using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// Groups valid rows into orders by (customer, billing cycle, target order, order group), in the order of each
/// group's first row; within a group, line items take their canonical order (<see cref="LineContent"/>), are numbered
/// from 0 and split into consecutive parts when the group is larger than the line-item limit.
/// </summary>
public static class OrderPlanner
{
    // Below this many groups the keys are computed on the calling thread: starting workers costs more.
    private const int ParallelGroupThreshold = 4096;
    private const int GroupsPerWorkItem = 2048;

    /// <summary>Plans the valid <paramref name="rows"/> of <paramref name="file"/>: orders in input order, and the planning errors (duplicate offers unless allowed).</summary>
    public static OrderPlan Plan(string file, IReadOnlyList<OrderRow> rows, PlanningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new PlanningOptions();

        var groups = RowGrouping.Create(file, rows, checkDuplicates: !options.AllowDuplicates);
        var grouped = groups.RowsGroupByGroup();
        return new OrderPlan(KeyOrders(groups, grouped, options), groups.Errors);
    }

    /// <summary>The path a row's line item is bought by: add-ons are always PATCHed into their order.</summary>
    public static PurchasePath PathOf(OrderRow row, PurchasePathChoice choice)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsAddOn ? PurchasePath.Order : choice switch
        {
            PurchasePathChoice.Order => PurchasePath.Order,
            PurchasePathChoice.Cart => PurchasePath.Cart,

            // The reader checked every offer id: a GUID (legacy) or PRODUCT:SKU:AVAILABILITY (new commerce).
            _ => row.OfferId.Contains(':', StringComparison.Ordinal) ? PurchasePath.Cart : PurchasePath.Order,
        };
    }

    /// <summary>
    /// The orders of every group: its order-path line items, then its cart-path ones, each in canonical order and
    /// split into parts of at most the line-item limit. Each order's keys are independent of the others', so ranges
    /// of groups are keyed on several threads into their fixed places of the result: the order stays the input order.
    /// </summary>
    private static PlannedOrder[] KeyOrders(RowGrouping groups, OrderRow[] grouped, PlanningOptions options)
    {
        var limit = options.MaxLineItemsPerOrder;
        var count = groups.Keys.Count;
        var cartRows = new int[count];
        var firstOrder = new int[count + 1];
        for (var g = 0; g < count; g++)
        {
            foreach (var row in grouped.AsSpan(groups.Starts[g], groups.Sizes[g]))
            {
                cartRows[g] += PathOf(row, options.Path) == PurchasePath.Cart ? 1 : 0;
            }

            firstOrder[g + 1] = firstOrder[g] + Parts(groups.Sizes[g] - cartRows[g], limit) + Parts(cartRows[g], limit);
        }

        var orders = new PlannedOrder[firstOrder[count]];
        var keyer = new GroupKeyer(groups, grouped, cartRows, firstOrder, orders, options);
        if (count < ParallelGroupThreshold)
        {
            keyer.Key(new KeyMessages(), 0, count);
            return orders;
        }

        Parallel.ForEach(
            Partitioner.Create(0, count, GroupsPerWorkItem),
            () => new KeyMessages(1 << 20),
            (range, _, messages) =>
            {
                keyer.Key(messages, range.Item1, range.Item2);
                return messages;
            },
            _ => { });
        return orders;
    }

    private static int Parts(int rows, int limit) => (rows + limit - 1) / limit;

    /// <summary>
    /// Keys ranges of groups into their places of the plan; one instance serves every thread, each with its own
    /// buffers. A range's rows are first put in their canonical order in place (each order is then a slice of the
    /// grouped rows), then its family and group keys are hashed in one batch, then its order keys, which hash the
    /// group keys' text.
    /// </summary>
    private sealed class GroupKeyer(RowGrouping groups, OrderRow[] grouped, int[] cartRows, int[] firstOrder, PlannedOrder[] orders, PlanningOptions options)
    {
        public void Key(KeyMessages messages, int from, int to)
        {
            var limit = options.MaxLineItemsPerOrder;
            var contents = new LineContent[16];
            var members = new OrderRow[16];
            for (var g = from; g < to; g++)
            {
                Arrange(g, ref contents, ref members);
            }

            // Family and group keys: per group its family, then one group key per part.
            var orderCount = firstOrder[to] - firstOrder[from];
            messages.Clear();
            for (var g = from; g < to; g++)
            {
                var key = groups.Keys[g];
                OrderKeys.AppendFamily(messages, key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup);
                for (var part = 0; part < firstOrder[g + 1] - firstOrder[g]; part++)
                {
                    OrderKeys.AppendGroup(messages, key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, part);
                }
            }

            var groupDigests = new byte[messages.Count * Sha256Batch.DigestBytes];
            messages.Hash(groupDigests);

            messages.Clear();
            var at = 0;
            for (var g = from; g < to; g++)
            {
                at++;
                for (var part = 0; part < firstOrder[g + 1] - firstOrder[g]; part++)
                {
                    var (start, count, _) = Slice(g, part, limit);
                    OrderKeys.StartOrder(messages, KeyDigest.Read(groupDigests.AsSpan(at++ * Sha256Batch.DigestBytes)));
                    foreach (var row in grouped.AsSpan(start, count))
                    {
                        OrderKeys.AppendLine(messages, LineContent.Of(row));
                    }

                    messages.End();
                }
            }

            var orderDigests = new byte[orderCount * Sha256Batch.DigestBytes];
            messages.Hash(orderDigests);

            at = 0;
            var order = 0;
            for (var g = from; g < to; g++)
            {
                var key = groups.Keys[g];
                var family = KeyDigest.Read(groupDigests.AsSpan(at++ * Sha256Batch.DigestBytes));
                for (var part = 0; part < firstOrder[g + 1] - firstOrder[g]; part++)
                {
                    var (start, count, path) = Slice(g, part, limit);
                    orders[firstOrder[g] + part] = new PlannedOrder(
                        KeyDigest.Read(orderDigests.AsSpan(order++ * Sha256Batch.DigestBytes)),
                        KeyDigest.Read(groupDigests.AsSpan(at++ * Sha256Batch.DigestBytes)),
                        family, path, key.CustomerId, key.BillingCycle, key.OrderId, grouped[start].OrderGroup, part, grouped, start, count);
                }
            }
        }

        /// <summary>
        /// Puts a group's rows in their order: the order path's rows first, then the cart path's, each in canonical
        /// order whatever the rows' order in the file, so parts, line numbers and keys follow content alone.
        /// </summary>
        private void Arrange(int g, ref LineContent[] contents, ref OrderRow[] members)
        {
            var size = groups.Sizes[g];
            if (contents.Length < size)
            {
                contents = new LineContent[size];
                members = new OrderRow[size];
            }

            var rows = grouped.AsSpan(groups.Starts[g], size);
            var orderRows = 0;
            var cartAt = size - cartRows[g];
            foreach (var row in rows)
            {
                var at = PathOf(row, options.Path) == PurchasePath.Cart ? cartAt++ : orderRows++;
                members[at] = row;
                contents[at] = LineContent.Of(row);
            }

            Array.Sort(contents, members, 0, orderRows);
            Array.Sort(contents, members, orderRows, size - orderRows);
            members.AsSpan(0, size).CopyTo(rows);
        }

        /// <summary>
        /// Part <paramref name="part"/> of group <paramref name="g"/>, arranged: where it starts in the grouped rows,
        /// its size and path. The order path's parts come first, then the cart path's.
        /// </summary>
        private (int Start, int Count, PurchasePath Path) Slice(int g, int part, int limit)
        {
            var end = groups.Starts[g] + groups.Sizes[g];
            var cartStart = end - cartRows[g];
            var orderParts = Parts(cartStart - groups.Starts[g], limit);
            if (part < orderParts)
            {
                var start = groups.Starts[g] + (part * limit);
                return (start, Math.Min(limit, cartStart - start), PurchasePath.Order);
            }

            var cartAt = cartStart + ((part - orderParts) * limit);
            return (cartAt, Math.Min(limit, end - cartAt), PurchasePath.Cart);
        }
    }
}
