using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
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
        var grouped = groups.RowsGroupByGroup(rows);
        var orders = KeyOrders(groups, grouped, options);
        return new OrderPlan(orders, [.. groups.Errors, .. CartRowsWithoutBillingCycle(file, orders)]);
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
    /// of groups are keyed on several threads (one hash object each) into their fixed places of the result: the
    /// order stays the input order.
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
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            keyer.Key(hash, 0, count);
            return orders;
        }

        Parallel.ForEach(
            Partitioner.Create(0, count, GroupsPerWorkItem),
            () => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
            (range, _, hash) =>
            {
                keyer.Key(hash, range.Item1, range.Item2);
                return hash;
            },
            hash => hash.Dispose());
        return orders;
    }

    /// <summary>A cart line needs a billing cycle (an order takes the offer's default; a cart has none to take).</summary>
    private static IEnumerable<RowError> CartRowsWithoutBillingCycle(string file, PlannedOrder[] orders) =>
        orders.Where(o => o.Path == PurchasePath.Cart && o.BillingCycle is null)
            .SelectMany(o => o.LineItems)
            .OrderBy(i => i.Row.Location.Row)
            .Select(i => new RowError(file, i.Row.Location.Sheet, i.Row.Location.Row, InputColumns.Get(InputColumn.BillingCycle).Name, string.Empty,
                $"BillingCycle is empty, and {i.Row.OfferId} is a new-commerce offer, bought through a cart, which needs one: enter the billing cycle it is sold with, such as Monthly or Annual."));

    private static int Parts(int rows, int limit) => (rows + limit - 1) / limit;

    /// <summary>Keys ranges of groups into their places of the plan; one instance serves every thread, each with its own buffers.</summary>
    private sealed class GroupKeyer(RowGrouping groups, OrderRow[] grouped, int[] cartRows, int[] firstOrder, PlannedOrder[] orders, PlanningOptions options)
    {
        public void Key(IncrementalHash hash, int from, int to)
        {
            var contents = new LineContent[16];
            var members = new OrderRow[16];
            for (var g = from; g < to; g++)
            {
                var key = groups.Keys[g];
                var size = groups.Sizes[g];
                if (contents.Length < size)
                {
                    contents = new LineContent[size];
                    members = new OrderRow[size];
                }

                // The order path's rows first, then the cart path's, each in canonical order whatever the rows'
                // order in the file: parts, line numbers and keys then follow content alone.
                var orderRows = 0;
                var cartAt = size - cartRows[g];
                foreach (var row in grouped.AsSpan(groups.Starts[g], size))
                {
                    var at = PathOf(row, options.Path) == PurchasePath.Cart ? cartAt++ : orderRows++;
                    members[at] = row;
                    contents[at] = LineContent.Of(row);
                }

                Array.Sort(contents, members, 0, orderRows);
                Array.Sort(contents, members, orderRows, size - orderRows);
                var family = OrderKeys.Family(hash, key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup);
                var part = 0;
                foreach (var (start, end, path) in new[] { (0, orderRows, PurchasePath.Order), (orderRows, size, PurchasePath.Cart) })
                {
                    for (var at = start; at < end; at += options.MaxLineItemsPerOrder, part++)
                    {
                        var count = Math.Min(options.MaxLineItemsPerOrder, end - at);
                        var groupKey = OrderKeys.Group(hash, key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, part);
                        var orderKey = OrderKeys.Compute(hash, groupKey, contents.AsSpan(at, count));
                        var lineItems = new PlannedLineItem[count];
                        for (var number = 0; number < count; number++)
                        {
                            lineItems[number] = new PlannedLineItem(number, members[at + number]);
                        }

                        orders[firstOrder[g] + part] = new PlannedOrder(
                            orderKey, groupKey, family, path, key.CustomerId, key.BillingCycle, key.OrderId, members[at].OrderGroup, part, lineItems);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Each row's group (groups numbered in order of their first row) and the duplicate-offer errors, found in one
    /// pass with one lookup per customer rather than a lookup per row in each of two large tables.
    /// </summary>
    private sealed class RowGrouping
    {
        // A customer's groups and offers are searched linearly (a customer usually has a handful of rows); past
        // this many, its entries move to the dictionaries, so that one customer with many rows stays linear.
        private const int MaxChain = 16;

        private readonly string _file;
        private readonly bool _checkDuplicates;
        private readonly Dictionary<string, int> _customerIndex = new(StringComparer.Ordinal);
        private readonly List<Customer> _customers = [];
        private readonly List<Entry<GroupKey>> _groupEntries = [];
        private readonly List<Entry<DuplicateKey>> _offerEntries = [];
        private readonly Dictionary<GroupKey, int> _manyGroups = [];
        private readonly Dictionary<DuplicateKey, int> _manyOffers = [];

        private RowGrouping(string file, int rowCount, bool checkDuplicates)
        {
            _file = file;
            _checkDuplicates = checkDuplicates;
            GroupOfRow = new int[rowCount];
        }

        /// <summary>The key of each group, in order of the group's first row.</summary>
        public List<GroupKey> Keys { get; } = [];

        /// <summary>The number of rows of each group.</summary>
        public List<int> Sizes { get; } = [];

        /// <summary>Where each group's rows start in <see cref="RowsGroupByGroup"/>.</summary>
        public int[] Starts { get; private set; } = [];

        public int[] GroupOfRow { get; }

        public List<RowError> Errors { get; } = [];

        public static RowGrouping Create(string file, IReadOnlyList<OrderRow> rows, bool checkDuplicates)
        {
            var grouping = new RowGrouping(file, rows.Count, checkDuplicates);
            var customer = -1;
            string? customerId = null;
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];

                // Rows of one customer usually come together: look the customer up only when it changes.
                if (!string.Equals(row.CustomerId, customerId, StringComparison.Ordinal))
                {
                    customerId = row.CustomerId;
                    customer = grouping.CustomerOf(customerId);
                }

                if (grouping._checkDuplicates)
                {
                    grouping.CheckDuplicate(customer, rows, i);
                }

                grouping.GroupOfRow[i] = grouping.GroupOf(customer, row);
            }

            return grouping;
        }

        /// <summary>The rows laid out group by group (a stable counting sort): each group is a slice of one array.</summary>
        public OrderRow[] RowsGroupByGroup(IReadOnlyList<OrderRow> rows)
        {
            Starts = new int[Keys.Count];
            for (var g = 1; g < Starts.Length; g++)
            {
                Starts[g] = Starts[g - 1] + Sizes[g - 1];
            }

            var grouped = new OrderRow[rows.Count];
            var next = (int[])Starts.Clone();
            for (var i = 0; i < rows.Count; i++)
            {
                grouped[next[GroupOfRow[i]]++] = rows[i];
            }

            return grouped;
        }

        private int CustomerOf(string customerId)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_customerIndex, customerId, out var exists);
            if (!exists)
            {
                index = _customers.Count;
                _customers.Add(new Customer(-1, 0, -1, 0));
            }

            return index;
        }

        private int GroupOf(int customer, OrderRow row)
        {
            var key = new GroupKey(row.CustomerId, row.BillingCycle, row.OrderId, row.OrderGroup?.ToUpperInvariant());
            ref var state = ref CollectionsMarshal.AsSpan(_customers)[customer];
            var group = state.GroupCount > MaxChain
                ? _manyGroups.GetValueOrDefault(key, -1)
                : Find(_groupEntries, state.FirstGroup, key);
            if (group < 0)
            {
                group = Keys.Count;
                Keys.Add(key);
                Sizes.Add(0);
                Remember(_groupEntries, _manyGroups, ref state.FirstGroup, ref state.GroupCount, key, group);
            }

            CollectionsMarshal.AsSpan(Sizes)[group]++;
            return group;
        }

        private void CheckDuplicate(int customer, IReadOnlyList<OrderRow> rows, int index)
        {
            var row = rows[index];
            var key = new DuplicateKey(row.CustomerId, row.BillingCycle, row.OfferId, row.ParentSubscriptionId);
            ref var state = ref CollectionsMarshal.AsSpan(_customers)[customer];
            var firstIndex = state.OfferCount > MaxChain
                ? _manyOffers.GetValueOrDefault(key, -1)
                : Find(_offerEntries, state.FirstOffer, key);
            if (firstIndex < 0)
            {
                Remember(_offerEntries, _manyOffers, ref state.FirstOffer, ref state.OfferCount, key, index);
                return;
            }

            var first = rows[firstIndex];
            var cycle = row.BillingCycle is { } c ? $"{c} billing" : "the default billing cycle";
            Errors.Add(new RowError(
                _file, row.Location.Sheet, row.Location.Row, InputColumns.Get(InputColumn.OfferId).Name, row.OfferId,
                $"Offer {row.OfferId} is already ordered for customer {row.CustomerId} with {cycle} on row {first.Location.Row}: " +
                "put the total quantity on one row, or use --allow-duplicates if two subscriptions are intended."));
        }

        private static int Find<TKey>(List<Entry<TKey>> entries, int first, TKey key)
            where TKey : IEquatable<TKey>
        {
            var span = CollectionsMarshal.AsSpan(entries);
            for (var e = first; e >= 0; e = span[e].Next)
            {
                if (span[e].Key.Equals(key))
                {
                    return span[e].Value;
                }
            }

            return -1;
        }

        /// <summary>Adds a customer's entry to its chain, or once the chain is long, moves it to the dictionary.</summary>
        private static void Remember<TKey>(List<Entry<TKey>> entries, Dictionary<TKey, int> many, ref int first, ref int count, TKey key, int value)
            where TKey : IEquatable<TKey>
        {
            count++;
            if (count <= MaxChain)
            {
                entries.Add(new Entry<TKey>(key, value, first));
                first = entries.Count - 1;
                return;
            }

            if (count == MaxChain + 1)
            {
                var span = CollectionsMarshal.AsSpan(entries);
                for (var e = first; e >= 0; e = span[e].Next)
                {
                    many.Add(span[e].Key, span[e].Value);
                }
            }

            many.Add(key, value);
        }
    }

    /// <summary>A customer's chains of groups and offers (indexes into the entry lists, -1 for none) and their lengths.</summary>
    private struct Customer(int firstGroup, int groupCount, int firstOffer, int offerCount)
    {
        public int FirstGroup = firstGroup;
        public int GroupCount = groupCount;
        public int FirstOffer = firstOffer;
        public int OfferCount = offerCount;
    }

    private readonly record struct Entry<TKey>(TKey Key, int Value, int Next);

    private readonly record struct GroupKey(string CustomerId, BillingCycle? BillingCycle, string? OrderId, string? OrderGroup);

    private readonly record struct DuplicateKey(string CustomerId, BillingCycle? BillingCycle, string OfferId, string? ParentSubscriptionId);
}
