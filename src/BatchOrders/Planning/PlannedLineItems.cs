using System.Collections;
using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// The line items of a planned order: a range of the planner's rows (indexes into <paramref name="rows"/>), each
/// numbered by its place in the range and made when read.
/// </summary>
internal sealed class PlannedLineItems(RowStore rows, int[] grouped, int start, int count) : IReadOnlyList<PlannedLineItem>
{
    public int Count => count;

    public PlannedLineItem this[int index] =>
        (uint)index < (uint)count ? new PlannedLineItem(index, rows[grouped[start + index]]) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<PlannedLineItem> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return new PlannedLineItem(i, rows[grouped[start + i]]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The offer and quantity of each line item, read from the stored rows.</summary>
    public IEnumerable<(string OfferId, int Quantity)> Purchases()
    {
        for (var i = 0; i < count; i++)
        {
            var row = rows.Row(grouped[start + i]);
            yield return (row.OfferId, row.Quantity);
        }
    }
}
