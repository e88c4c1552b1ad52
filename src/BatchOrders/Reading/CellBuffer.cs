namespace BatchOrders.Reading;

/// <summary>
/// The cells of one row as text in one buffer that a source reuses for every row it reads, so that reading a
/// million rows makes no string per cell: whoever keeps a row copies its text before the source reads the next. The
/// cells are laid out as a <see cref="RowBlock"/> keeps them (each cell's length, then its text), so keeping a row
/// is one copy of <see cref="Segments"/>, not one per cell.
/// </summary>
internal sealed class CellBuffer
{
    private char[] _text = new char[1024];
    private int[] _starts = new int[16];
    private int[] _ends = new int[16];
    private int _reserved;

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index] =>
        (uint)index < (uint)Count ? _text.AsSpan(_starts[index], _ends[index] - _starts[index]) : throw new ArgumentOutOfRangeException(nameof(index));

    public void Clear() => Count = 0;

    /// <summary>The first <paramref name="cells"/> cells as <see cref="RowBlock"/> segments.</summary>
    public ReadOnlySpan<char> Segments(int cells) => _text.AsSpan(0, EndOf(cells));

    /// <summary>Room for a cell of at most <paramref name="length"/> chars, to be written and then ended with <see cref="End"/>.</summary>
    public Span<char> Reserve(int length)
    {
        var start = EndOf(Count) + RowBlock.PrefixLength(length);
        if (start + length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, start + length));
        }

        _reserved = start;
        return _text.AsSpan(start, length);
    }

    /// <summary>Ends the cell whose first <paramref name="written"/> chars were written into the room given by <see cref="Reserve"/>.</summary>
    public void End(int written)
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        Count++;
        Place(_reserved, written);
    }

    /// <summary>Drops the start of the last cell (the first <paramref name="chars"/> chars).</summary>
    public void TrimLastStart(int chars)
    {
        var last = Count - 1;
        Place(_starts[last] + chars, _ends[last] - _starts[last] - chars);
    }

    /// <summary>The cells as strings, for a row that is kept as it is (the header, rows above it).</summary>
    public string[] ToStrings()
    {
        var cells = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            cells[i] = new string(this[i]);
        }

        return cells;
    }

    // The last cell's text is the `length` chars at `from`: its segment starts where the cell before it ends, with its
    // length in as many chars as that length takes (the text moves when fewer than were set aside for it).
    private void Place(int from, int length)
    {
        var last = Count - 1;
        var at = EndOf(last);
        RowBlock.WriteLength(_text, ref at, length);
        if (at != from)
        {
            _text.AsSpan(from, length).CopyTo(_text.AsSpan(at));
        }

        _starts[last] = at;
        _ends[last] = at + length;
    }

    // Where the first `cells` cells' segments end.
    private int EndOf(int cells) => cells == 0 ? 0 : _ends[cells - 1];
}
