namespace BatchOrders.Reading;

/// <summary>
/// The valid rows of one batch, laid out compactly: their checked values in one array and the text of their
/// cells in one buffer, each cell length-prefixed, instead of a row object, a cell array and strings per row. A
/// million retained rows are then a few hundred large arrays the garbage collector neither copies nor walks.
/// </summary>
internal sealed class RowBlock
{
    // A segment's length takes one char below this; longer ones (past Excel's cell limit) take two.
    private const int LongLength = 0x8000;

    private readonly StoredRow[] _rows;
    private int _written;

    /// <summary>A block for at most <paramref name="rows"/> rows whose cells are already in <paramref name="text"/>.</summary>
    public RowBlock(char[] text, int rows)
    {
        Text = text;
        _rows = new StoredRow[rows];
    }

    public int Count { get; private set; }

    public char[] Text { get; }

    public StoredRow[] Rows => _rows;

    /// <summary>The room a value takes in a block: its text and its length.</summary>
    public static int SegmentLength(int length) => length + PrefixLength(length);

    /// <summary>The room the length of a value takes before its text.</summary>
    public static int PrefixLength(int length) => length < LongLength ? 1 : 2;

    /// <summary>Writes <paramref name="value"/> as a segment at <paramref name="at"/>, which moves past it.</summary>
    public static void Write(char[] text, ref int at, ReadOnlySpan<char> value)
    {
        WriteLength(text, ref at, value.Length);
        value.CopyTo(text.AsSpan(at));
        at += value.Length;
    }

    /// <summary>Writes the length that starts a segment at <paramref name="at"/>, which moves to where its text goes.</summary>
    public static void WriteLength(char[] text, ref int at, int length)
    {
        if (length < LongLength)
        {
            text[at++] = (char)length;
        }
        else
        {
            text[at++] = (char)(LongLength + (length >> 16));
            text[at++] = (char)(length & 0xFFFF);
        }
    }

    /// <summary>The field whose segment is <paramref name="offset"/> chars into the row starting at <paramref name="start"/>; empty for -1.</summary>
    public static ReadOnlySpan<char> Field(char[] text, int start, int offset)
    {
        if (offset < 0)
        {
            return [];
        }

        var at = start + offset;
        var length = Length(text, ref at);
        return text.AsSpan(at, length);
    }

    /// <summary>Segment <paramref name="index"/> of the row whose segments start at <paramref name="start"/>.</summary>
    public static ReadOnlySpan<char> Segment(char[] text, int start, int index)
    {
        var at = start;
        for (var i = 0; ; i++)
        {
            var length = Length(text, ref at);
            if (i == index)
            {
                return text.AsSpan(at, length);
            }

            at += length;
        }
    }

    /// <summary>Reads the length of the segment at <paramref name="at"/>, which moves to the segment's text.</summary>
    public static int Length(char[] text, ref int at)
    {
        int length = text[at++];
        return length < LongLength ? length : ((length - LongLength) << 16) | text[at++];
    }

    /// <summary>Adds a row whose cells are in the block's text from <see cref="StoredRow.Text"/>.</summary>
    public void Add(in StoredRow row) => _rows[Count++] = row;

    /// <summary>Adds a row without cells whose text fields are written here (a field that is null has none).</summary>
    public void Add(StoredRow row, string? friendlyName, string? orderId, string? promotionId, string? partnerIdOnRecord, string? orderGroup)
    {
        row.Text = _written;
        row.FriendlyName = WriteField(row.Text, friendlyName);
        row.OrderId = WriteField(row.Text, orderId);
        row.PromotionId = WriteField(row.Text, promotionId);
        row.PartnerIdOnRecord = WriteField(row.Text, partnerIdOnRecord);
        row.OrderGroup = WriteField(row.Text, orderGroup);
        _rows[Count++] = row;
    }

    /// <summary>The room a row's text fields take (<see cref="Add(StoredRow, string?, string?, string?, string?, string?)"/>).</summary>
    public static int FieldsLength(params ReadOnlySpan<string?> fields)
    {
        var length = 0;
        foreach (var field in fields)
        {
            length += field is null ? 0 : SegmentLength(field.Length);
        }

        return length;
    }

    private int WriteField(int start, string? value)
    {
        if (value is null)
        {
            return -1;
        }

        var offset = _written - start;
        Write(Text, ref _written, value);
        return offset;
    }
}
