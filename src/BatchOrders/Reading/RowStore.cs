using System.Collections;

namespace BatchOrders.Reading;

/// <summary>
/// The valid rows of a file, in file order, kept compactly (<see cref="RowBlock"/>): an <see cref="OrderRow"/> is
/// made when one is read, while planning reads the stored values directly. Rows given as objects (a list planned
/// by a caller) are kept as they are and given back themselves.
/// </summary>
internal sealed class RowStore : IReadOnlyList<OrderRow>
{
    private readonly RowBlock[] _blocks;
    private readonly int[] _blockOf;
    private readonly int[] _blockStart;
    private readonly string? _sheet;
    private readonly IReadOnlyList<OrderRow>? _given;

    private RowStore(RowBlock[] blocks, string? sheet, IReadOnlyList<OrderRow>? given)
    {
        _blocks = blocks;
        _sheet = sheet;
        _given = given;
        _blockStart = new int[blocks.Length];
        var count = 0;
        for (var b = 0; b < blocks.Length; b++)
        {
            _blockStart[b] = count;
            count += blocks[b].Count;
        }

        Count = count;
        _blockOf = new int[count];
        for (var b = 0; b < blocks.Length; b++)
        {
            _blockOf.AsSpan(_blockStart[b], blocks[b].Count).Fill(b);
        }
    }

    public int Count { get; }

    /// <summary>The row as an <see cref="OrderRow"/>: made anew for a stored row, the same object for a given one.</summary>
    public OrderRow this[int index]
    {
        get
        {
            if (_given is not null)
            {
                return _given[index];
            }

            ref readonly var row = ref Row(index);
            var text = TextOf(index);
            return new OrderRow(
                new RowLocation(_sheet, row.Number), row.CustomerId, row.OfferId, row.Quantity, row.BillingCycle,
                StringOf(text, row, row.FriendlyName), row.ParentSubscriptionId, StringOf(text, row, row.OrderId), row.TermDuration,
                StringOf(text, row, row.PromotionId), StringOf(text, row, row.PartnerIdOnRecord), StringOf(text, row, row.OrderGroup),
                new StoredCells(text, row.Text, row.CellCount));
        }
    }

    /// <summary>The stored rows of one sheet (null for CSV), in order of the blocks.</summary>
    public static RowStore Join(string? sheet, IReadOnlyList<RowBlock> blocks) => new([.. blocks], sheet, null);

    /// <summary>The store of <paramref name="rows"/>: itself when it is one, otherwise their values copied in, the objects kept.</summary>
    public static RowStore Of(IReadOnlyList<OrderRow> rows)
    {
        if (rows is RowStore store)
        {
            return store;
        }

        var textLength = 0;
        foreach (var row in rows)
        {
            textLength += RowBlock.FieldsLength(row.FriendlyName, row.OrderId, row.PromotionId, row.PartnerIdOnRecord, row.OrderGroup);
        }

        var block = new RowBlock(new char[textLength], rows.Count);
        foreach (var row in rows)
        {
            block.Add(
                new StoredRow
                {
                    Number = row.Location.Row,
                    Quantity = row.Quantity,
                    BillingCycle = row.BillingCycle,
                    CustomerId = row.CustomerId,
                    OfferId = row.OfferId,
                    ParentSubscriptionId = row.ParentSubscriptionId,
                    TermDuration = row.TermDuration,
                },
                row.FriendlyName, row.OrderId, row.PromotionId, row.PartnerIdOnRecord, row.OrderGroup);
        }

        return new RowStore([block], rows.Count > 0 ? rows[0].Location.Sheet : null, rows);
    }

    /// <summary>The stored values of row <paramref name="index"/>.</summary>
    public ref readonly StoredRow Row(int index) => ref _blocks[_blockOf[index]].Rows[index - _blockStart[_blockOf[index]]];

    /// <summary>The text of a row's field (<see cref="StoredRow.FriendlyName"/>, …); empty when it has none (see the field's sign).</summary>
    public ReadOnlySpan<char> Field(int index, int field) => RowBlock.Field(TextOf(index), Row(index).Text, field);

    /// <summary>Where row <paramref name="index"/> is.</summary>
    public RowLocation Location(int index) => _given?[index].Location ?? new RowLocation(_sheet, Row(index).Number);

    /// <summary>The field's text as a string, null when the row has none.</summary>
    public string? FieldString(int index, int field) => field < 0 ? null : new string(Field(index, field));

    public IEnumerator<OrderRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The text of the block row <paramref name="index"/> is stored in, where its <see cref="RowBlock.Field"/>s are.</summary>
    public char[] TextOf(int index) => _blocks[_blockOf[index]].Text;

    private static string? StringOf(char[] text, in StoredRow row, int field) =>
        field < 0 ? null : new string(RowBlock.Field(text, row.Text, field));
}
