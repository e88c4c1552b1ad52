using System.Runtime.InteropServices;
using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// Each row's group (groups numbered in order of their first row) and the duplicate-offer errors, found in one
/// pass with one lookup per customer rather than a lookup per row in each of two large tables.
/// </summary>
internal sealed class RowGrouping
{
    // A customer's groups and offers are searched linearly (a customer usually has a handful of rows); past this
    // many, its entries move to the dictionaries, so that one customer with many rows stays linear. A chain's
    // links hold a group's or a row's index only: the key is that group's or that row's.
    private const int MaxChain = 16;

    private readonly string _file;
    private readonly RowStore _rows;
    private readonly Dictionary<string, int> _customerIndex;
    private readonly List<Customer> _customers;
    private readonly List<Link> _groupLinks;
    private readonly List<Link> _offerLinks;
    private readonly Dictionary<GroupKey, int> _manyGroups = [];
    private readonly Dictionary<DuplicateKey, int> _manyOffers = [];

    private RowGrouping(string file, RowStore rows)
    {
        _file = file;
        _rows = rows;
        GroupOfRow = new int[rows.Count];

        // Sized for a few rows per customer and two per group (a million-row file then grows no table twice).
        _customerIndex = new(rows.Count / 4, StringComparer.Ordinal);
        _customers = new(rows.Count / 4);
        _groupLinks = new(rows.Count / 2);
        _offerLinks = new(rows.Count);
        Keys = new(rows.Count / 2);
        Sizes = new(rows.Count / 2);
    }

    /// <summary>The key of each group, in order of the group's first row.</summary>
    public List<GroupKey> Keys { get; }

    /// <summary>The number of rows of each group.</summary>
    public List<int> Sizes { get; }

    /// <summary>Where each group's rows start in <see cref="RowsGroupByGroup"/>.</summary>
    public int[] Starts { get; private set; } = [];

    public int[] GroupOfRow { get; }

    public List<RowError> Errors { get; } = [];

    public static RowGrouping Create(string file, RowStore rows, bool checkDuplicates)
    {
        var grouping = new RowGrouping(file, rows);
        var customer = -1;
        string? customerId = null;
        for (var i = 0; i < rows.Count; i++)
        {
            ref readonly var row = ref rows.Row(i);

            // Rows of one customer usually come together: look the customer up only when it changes.
            if (!string.Equals(row.CustomerId, customerId, StringComparison.Ordinal))
            {
                customerId = row.CustomerId;
                customer = grouping.CustomerOf(customerId);
            }

            if (checkDuplicates)
            {
                grouping.CheckDuplicate(customer, row, i);
            }

            grouping.GroupOfRow[i] = grouping.GroupOf(customer, i);
        }

        return grouping;
    }

    /// <summary>The rows' indexes laid out group by group (a stable counting sort): each group is a slice of one array.</summary>
    public int[] RowsGroupByGroup()
    {
        Starts = new int[Keys.Count];
        for (var g = 1; g < Starts.Length; g++)
        {
            Starts[g] = Starts[g - 1] + Sizes[g - 1];
        }

        var grouped = new int[_rows.Count];
        var next = (int[])Starts.Clone();
        for (var i = 0; i < _rows.Count; i++)
        {
            grouped[next[GroupOfRow[i]]++] = i;
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

    private int GroupOf(int customer, int row)
    {
        var key = GroupKey.Of(_rows, row);
        ref var state = ref CollectionsMarshal.AsSpan(_customers)[customer];
        var group = -1;
        if (state.GroupCount > MaxChain)
        {
            group = _manyGroups.GetValueOrDefault(key, -1);
        }
        else
        {
            var links = CollectionsMarshal.AsSpan(_groupLinks);
            var keys = CollectionsMarshal.AsSpan(Keys);
            for (var link = state.FirstGroup; link >= 0 && group < 0; link = links[link].Next)
            {
                group = keys[links[link].Value].SameWithinCustomer(key) ? links[link].Value : -1;
            }
        }

        if (group < 0)
        {
            group = Keys.Count;
            Keys.Add(key);
            Sizes.Add(0);
            if (Remember(_groupLinks, ref state.FirstGroup, ref state.GroupCount, group))
            {
                foreach (var other in Chain(_groupLinks, state.FirstGroup))
                {
                    _manyGroups.Add(Keys[other], other);
                }
            }
            else if (state.GroupCount > MaxChain)
            {
                _manyGroups.Add(key, group);
            }
        }

        CollectionsMarshal.AsSpan(Sizes)[group]++;
        return group;
    }

    private void CheckDuplicate(int customer, in StoredRow row, int index)
    {
        var key = DuplicateKey.Of(row);
        ref var state = ref CollectionsMarshal.AsSpan(_customers)[customer];
        var firstIndex = -1;
        if (state.OfferCount > MaxChain)
        {
            firstIndex = _manyOffers.GetValueOrDefault(key, -1);
        }
        else
        {
            var links = CollectionsMarshal.AsSpan(_offerLinks);
            for (var link = state.FirstOffer; link >= 0 && firstIndex < 0; link = links[link].Next)
            {
                firstIndex = SamePurchaseWithinCustomer(row, _rows.Row(links[link].Value)) ? links[link].Value : -1;
            }
        }

        if (firstIndex < 0)
        {
            if (Remember(_offerLinks, ref state.FirstOffer, ref state.OfferCount, index))
            {
                foreach (var other in Chain(_offerLinks, state.FirstOffer))
                {
                    _manyOffers.Add(DuplicateKey.Of(_rows.Row(other)), other);
                }
            }
            else if (state.OfferCount > MaxChain)
            {
                _manyOffers.Add(key, index);
            }

            return;
        }

        var place = _rows.Location(index);
        var cycle = row.BillingCycle is { } c ? $"{c} billing" : "the default billing cycle";
        Errors.Add(new RowError(
            _file, place.Sheet, place.Row, InputColumns.Get(InputColumn.OfferId).Name, row.OfferId,
            $"Offer {row.OfferId} is already ordered for customer {row.CustomerId} with {cycle} on row {_rows.Location(firstIndex).Row}: " +
            "put the total quantity on one row, or use --allow-duplicates if two subscriptions are intended."));
    }

    /// <summary>
    /// Counts a customer's new entry and links it into its chain while the chain is short; true when this entry
    /// makes the chain too long, so that the caller moves the whole chain (this entry included) to its dictionary.
    /// </summary>
    private static bool Remember(List<Link> links, ref int first, ref int count, int value)
    {
        count++;
        if (count > MaxChain + 1)
        {
            return false;
        }

        links.Add(new Link(value, first));
        first = links.Count - 1;
        return count == MaxChain + 1;
    }

    private static List<int> Chain(List<Link> links, int first)
    {
        var values = new List<int>(MaxChain + 1);
        for (var link = first; link >= 0; link = links[link].Next)
        {
            values.Add(links[link].Value);
        }

        return values;
    }

    // A chain holds one customer's entries: comparing them leaves the customer out, and the offer, which tells most
    // apart, comes first.
    private static bool SamePurchaseWithinCustomer(in StoredRow row, in StoredRow other) =>
        string.Equals(row.OfferId, other.OfferId, StringComparison.Ordinal)
        && row.BillingCycle == other.BillingCycle
        && string.Equals(row.ParentSubscriptionId, other.ParentSubscriptionId, StringComparison.Ordinal);

    /// <summary>What puts rows in one group: customer, billing cycle, target order and order group (in upper case).</summary>
    public readonly record struct GroupKey(string CustomerId, BillingCycle? BillingCycle, string? OrderId, string? OrderGroup)
    {
        public static GroupKey Of(RowStore rows, int index)
        {
            ref readonly var row = ref rows.Row(index);
            return new(row.CustomerId, row.BillingCycle, rows.FieldString(index, row.OrderId), rows.FieldString(index, row.OrderGroup)?.ToUpperInvariant());
        }

        /// <summary>Whether <paramref name="other"/>, a key of the same customer, is this one.</summary>
        public bool SameWithinCustomer(in GroupKey other) =>
            BillingCycle == other.BillingCycle
            && string.Equals(OrderId, other.OrderId, StringComparison.Ordinal)
            && string.Equals(OrderGroup, other.OrderGroup, StringComparison.Ordinal);
    }

    /// <summary>What makes two rows the same purchase: customer, billing cycle, offer and parent subscription.</summary>
    private readonly record struct DuplicateKey(string CustomerId, BillingCycle? BillingCycle, string OfferId, string? ParentSubscriptionId)
    {
        public static DuplicateKey Of(in StoredRow row) => new(row.CustomerId, row.BillingCycle, row.OfferId, row.ParentSubscriptionId);
    }

    /// <summary>A customer's chains of groups and offers (indexes into the link lists, -1 for none) and their lengths.</summary>
    private struct Customer(int firstGroup, int groupCount, int firstOffer, int offerCount)
    {
        public int FirstGroup = firstGroup;
        public int GroupCount = groupCount;
        public int FirstOffer = firstOffer;
        public int OfferCount = offerCount;
    }

    /// <summary>One entry of a chain: a group's or a row's index, and the next entry's (-1 for none).</summary>
    private readonly record struct Link(int Value, int Next);
}
