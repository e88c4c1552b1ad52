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

        var store = RowStore.Of(rows);
        var groups = RowGrouping.Create(file, store, checkDuplicates: !options.AllowDuplicates);
        var grouped = groups.RowsGroupByGroup();
        var orders = KeyOrders(store, groups, grouped, options);
        return new OrderPlan(orders, [.. groups.Errors, .. CartRowsWithoutBillingCycle(file, orders)]) { AwaitingPreflight = AwaitingPreflight(file, store) };
    }

    /// <summary>Whether a row names a new-commerce product and SKU without an availability (<c>PRODUCT:SKU</c>).</summary>
    public static bool LacksAvailability(string offerId) => offerId.Count(c => c == ':') == 1;

    /// <summary>Whether a row is a legacy add-on whose order is to be read from its parent subscription.</summary>
    public static bool LacksParentOrder(OrderRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.ParentSubscriptionId is not null && row.OrderId is null && !row.OfferId.Contains(':', StringComparison.Ordinal);
    }

    private static List<RowError> AwaitingPreflight(string file, RowStore rows)
    {
        var awaiting = new List<RowError>();
        for (var i = 0; i < rows.Count; i++)
        {
            ref readonly var row = ref rows.Row(i);
            if (row.OfferId.Contains(':', StringComparison.Ordinal) ? !LacksAvailability(row.OfferId) : row.ParentSubscriptionId is null || row.IsAddOn)
            {
                continue;
            }

            var location = rows.Location(i);
            awaiting.Add(LacksAvailability(row.OfferId)
                ? new RowError(file, location.Sheet, location.Row, InputColumns.Get(InputColumn.OfferId).Name, row.OfferId,
                    $"{row.OfferId} names a product and SKU without an availability: the preflight reads today's availability for the customer, term and billing cycle. To buy it without the preflight, write PRODUCT:SKU:AVAILABILITY.")
                : new RowError(file, location.Sheet, location.Row, InputColumns.Get(InputColumn.OrderId).Name, string.Empty,
                    $"OrderId is empty: a legacy add-on is added to its parent subscription's order ({row.ParentSubscriptionId}), which the preflight reads from Partner Center. To buy it without the preflight, fill in the order id."));
        }

        return awaiting;
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

    /// <summary>The path of a stored row's line item (<see cref="PathOf(OrderRow, PurchasePathChoice)"/>).</summary>
    internal static PurchasePath PathOf(in StoredRow row, PurchasePathChoice choice) => row.IsAddOn ? PurchasePath.Order : choice switch
    {
        PurchasePathChoice.Order => PurchasePath.Order,
        PurchasePathChoice.Cart => PurchasePath.Cart,
        _ => row.OfferId.Contains(':', StringComparison.Ordinal) ? PurchasePath.Cart : PurchasePath.Order,
    };

    /// <summary>
    /// The orders of every group: its order-path line items, then its cart-path ones, each in canonical order and
    /// split into parts of at most the line-item limit. Each order's keys are independent of the others', so ranges
    /// of groups are keyed on several threads into their fixed places of the result: the order stays the input order.
    /// </summary>
    private static PlannedOrder[] KeyOrders(RowStore rows, RowGrouping groups, int[] grouped, PlanningOptions options)
    {
        var limit = options.MaxLineItemsPerOrder;
        var count = groups.Keys.Count;
        var cartRows = new int[count];
        var isCart = new bool[rows.Count];

        // Each row's path, found once, and how many of each group's rows are bought through a cart: independent
        // from group to group, so ranges of groups are counted on several threads.
        void Count(int from, int to)
        {
            for (var g = from; g < to; g++)
            {
                foreach (var row in grouped.AsSpan(groups.Starts[g], groups.Sizes[g]))
                {
                    isCart[row] = PathOf(rows.Row(row), options.Path) == PurchasePath.Cart;
                    cartRows[g] += isCart[row] ? 1 : 0;
                }
            }
        }

        if (count < ParallelGroupThreshold)
        {
            Count(0, count);
        }
        else
        {
            Parallel.ForEach(Partitioner.Create(0, count, GroupsPerWorkItem), range => Count(range.Item1, range.Item2));
        }

        var firstOrder = new int[count + 1];
        for (var g = 0; g < count; g++)
        {
            firstOrder[g + 1] = firstOrder[g] + GroupKeyer.Parts(groups.Sizes[g] - cartRows[g], limit) + GroupKeyer.Parts(cartRows[g], limit);
        }

        var orders = new PlannedOrder[firstOrder[count]];
        var keyer = new GroupKeyer(new PlannedGroups(rows, grouped, groups.Keys, orders.Length), groups, isCart, cartRows, firstOrder, orders, options);
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

    /// <summary>A cart line needs a billing cycle (an order takes the offer's default; a cart has none to take).</summary>
    private static IEnumerable<RowError> CartRowsWithoutBillingCycle(string file, PlannedOrder[] orders) =>
        orders.Where(o => o.Path == PurchasePath.Cart && o.BillingCycle is null)
            .SelectMany(o => o.LineItems)
            .OrderBy(i => i.Row.Location.Row)
            .Select(i => new RowError(file, i.Row.Location.Sheet, i.Row.Location.Row, InputColumns.Get(InputColumn.BillingCycle).Name, string.Empty,
                $"BillingCycle is empty, and {i.Row.OfferId} is a new-commerce offer, bought through a cart, which needs one: enter the billing cycle it is sold with, such as Monthly or Annual."));
}
