namespace BatchOrders.Reading;

/// <summary>
/// The cells of one row as text in one buffer that a source reuses for every row it reads, so that reading a
/// million rows makes no string per cell: whoever keeps a row copies its text before the source reads the next.
/// </summary>
internal sealed class CellBuffer
{
    private char[] _text = new char[1024];
    private int[] _ends = new int[16];
    private int _length;

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index] =>
        (uint)index < (uint)Count ? _text.AsSpan(index == 0 ? 0 : _ends[index - 1], _ends[index] - (index == 0 ? 0 : _ends[index - 1])) : throw new ArgumentOutOfRangeException(nameof(index));

    public void Clear()
    {
        Count = 0;
        _length = 0;
    }

    /// <summary>Room for a cell of at most <paramref name="length"/> chars, to be written and then ended with <see cref="End"/>.</summary>
    public Span<char> Reserve(int length)
    {
        if (_length + length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + length));
        }

        return _text.AsSpan(_length, length);
    }

    /// <summary>Ends the cell whose first <paramref name="written"/> chars were written into the room given by <see cref="Reserve"/>.</summary>
    public void End(int written)
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _length += written;
        _ends[Count++] = _length;
    }

    /// <summary>Drops the start of the last cell (the first <paramref name="chars"/> chars).</summary>
    public void TrimLastStart(int chars)
    {
        var start = Count == 1 ? 0 : _ends[Count - 2];
        _text.AsSpan(start + chars, _length - start - chars).CopyTo(_text.AsSpan(start));
        _length -= chars;
        _ends[Count - 1] = _length;
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
}
