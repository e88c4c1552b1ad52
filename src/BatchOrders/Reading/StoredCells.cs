using System.Collections;
using System.Runtime.CompilerServices;

namespace BatchOrders.Reading;

/// <summary>
/// The cells of a stored row (<see cref="RowBlock"/>), each made a string when read. Two lists of the same stored
/// row are equal, so the <see cref="OrderRow"/>s made of one row each time it is read are equal too.
/// </summary>
internal sealed class StoredCells(char[] text, int start, int count) : IReadOnlyList<string>, IEquatable<StoredCells>
{
    public int Count => count;

    public string this[int index] =>
        (uint)index < (uint)count ? new string(RowBlock.Segment(text, start, index)) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(StoredCells? other) => other is not null && ReferenceEquals(text, other.Text) && start == other.Start;

    public override bool Equals(object? obj) => Equals(obj as StoredCells);

    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(text), start);

    private char[] Text => text;

    private int Start => start;
}
