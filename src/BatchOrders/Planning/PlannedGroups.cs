using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// What the orders of one plan share: the rows laid out group by group (indexes into the stored rows), each
/// group's key and family key. A planned order is then a group, a part and a range of those rows.
/// </summary>
internal sealed class PlannedGroups(RowStore rows, int[] grouped, List<RowGrouping.GroupKey> keys)
{
    public RowStore Rows => rows;

    /// <summary>The rows' indexes, group by group, each group's in its orders' order.</summary>
    public int[] Grouped => grouped;

    public List<RowGrouping.GroupKey> Keys => keys;

    /// <summary>Each group's family key.</summary>
    public KeyDigest[] Families { get; } = new KeyDigest[keys.Count];
}
