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
}
