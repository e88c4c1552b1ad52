using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// What the orders of one plan share: the rows laid out group by group (indexes into the stored rows), each
/// group's key and family key, and each order's keys, as digests in arrays and as text once read. A planned order
/// is then an index into these, a group, a part and a range of the rows: a small object the garbage collector
/// copies quickly, however many orders a plan has.
/// </summary>
internal sealed class PlannedGroups(RowStore rows, int[] grouped, List<RowGrouping.GroupKey> keys, int orders)
{
    private string?[]? _familyTexts;
    private string?[]? _orderTexts;
    private string?[]? _groupTexts;

    public RowStore Rows => rows;

    /// <summary>The rows' indexes, group by group, each group's in its orders' order.</summary>
    public int[] Grouped => grouped;

    public List<RowGrouping.GroupKey> Keys => keys;

    /// <summary>Each group's family key.</summary>
    public KeyDigest[] Families { get; } = new KeyDigest[keys.Count];

    /// <summary>Each order's order key.</summary>
    public KeyDigest[] OrderKeys { get; } = new KeyDigest[orders];

    /// <summary>Each order's group key.</summary>
    public KeyDigest[] GroupKeys { get; } = new KeyDigest[orders];

    public string FamilyText(int group) => Text(ref _familyTexts, Families, group);

    public string OrderText(int order) => Text(ref _orderTexts, OrderKeys, order);

    public string GroupText(int order) => Text(ref _groupTexts, GroupKeys, order);

    // Made when first read and kept, as an order's own field would be; threads that race make the same text.
    private static string Text(ref string?[]? texts, KeyDigest[] digests, int index)
    {
        var made = Volatile.Read(ref texts) ?? Interlocked.CompareExchange(ref texts, new string?[digests.Length], null) ?? texts;
        return made[index] ??= digests[index].ToString();
    }
}
