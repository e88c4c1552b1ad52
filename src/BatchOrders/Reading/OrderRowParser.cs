using static System.FormattableString;

namespace BatchOrders.Reading;

/// <summary>
/// Checks and normalises the cells of one data row against the rules of every known column, reporting every
/// problem of the row (not just the first) with its place, the value found and what would be valid. This part holds
/// the row and its cells; the checks of each column are in OrderRowParser.Columns.cs.
/// </summary>
internal sealed partial class OrderRowParser
{
    private const string ExampleTenant = "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08";

    private readonly string _file;
    private readonly string? _sheet;
    private readonly ColumnLayout _layout;
    private readonly ReadOptions _options;
    private List<RowError> _errors;
    // Customer and offer ids repeat across thousands of rows: normalise each distinct value once and share it.
    private readonly Dictionary<string, string> _guids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BillingCycle> _cycles = new(StringComparer.Ordinal);
    private (string? Raw, string? Normalised) _lastRequired;

    // The cells of the row being checked: where each starts in the text, its length, and whether an issue of its
    // cell (an Excel error) emptied it; the values of checked columns that repeat, one string each.
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly bool[] _blanked;
    private readonly HashSet<string>[] _pools;
    private char[] _text = [];
    private int _rowStart;
    private int _number;

    public OrderRowParser(string file, string? sheet, ColumnLayout layout, ReadOptions options, List<RowError> errors)
    {
        _file = file;
        _sheet = sheet;
        _layout = layout;
        _options = options;
        _errors = errors;
        _starts = new int[layout.Headers.Count];
        _lengths = new int[layout.Headers.Count];
        _blanked = new bool[layout.Headers.Count];
        _pools = [.. InputColumns.All.Select(_ => new HashSet<string>(StringComparer.Ordinal))];
    }

    /// <summary>Where the errors of the rows parsed next are added (a batch of rows parsed on another thread has its own list).</summary>
    public List<RowError> Errors
    {
        get => _errors;
        set => _errors = value;
    }

    /// <summary>
    /// Checks the row whose cells (as many as the header's, length-prefixed as in a <see cref="RowBlock"/>) start
    /// at <paramref name="start"/> in <paramref name="text"/>: added to <paramref name="valid"/> when it has no
    /// error, otherwise its errors are added to the list. Only the values that are checked become strings, and those
    /// that repeat (offers, quantities, cycles) are shared.
    /// </summary>
    public void Parse(char[] text, int start, int number, IReadOnlyList<CellIssue>? issues, RowBlock valid)
    {
        _text = text;
        _number = number;
        _rowStart = start;
        var at = start;
        for (var i = 0; i < _starts.Length; i++)
        {
            _lengths[i] = RowBlock.Length(text, ref at);
            _starts[i] = at;
            at += _lengths[i];
        }

        var errorsBefore = _errors.Count;
        ReportCellIssues(issues);
        var customerId = RequiredGuid(InputColumn.CustomerId, "a customer tenant id", ExampleTenant);
        var offerId = OfferId();
        var quantity = Quantity();
        var billingCycle = BillingCycleOf();
        var parent = OptionalGuid(InputColumn.ParentSubscriptionId, "a subscription id", "10704f2f-3fc6-4e42-8acf-08df4f81c93c");
        var orderId = OrderIdOf();
        var term = TermDurationOf();
        var partnerId = PartnerIdOf();
        CheckAddOn();

        if (_errors.Count > errorsBefore)
        {
            _blanked.AsSpan().Clear();
            return;
        }

        // FriendlyName, OrderId, PromotionId, PartnerIdOnRecord and OrderGroup are their cells' text as it is.
        valid.Add(new StoredRow
        {
            Number = number,
            Text = start,
            CellCount = _starts.Length,
            CustomerId = customerId!,
            OfferId = offerId!,
            Quantity = quantity,
            BillingCycle = billingCycle,
            ParentSubscriptionId = parent,
            TermDuration = term,
            FriendlyName = FieldOffset(InputColumn.FriendlyName),
            OrderId = orderId ? FieldOffset(InputColumn.OrderId) : -1,
            PromotionId = FieldOffset(InputColumn.PromotionId),
            PartnerIdOnRecord = partnerId ? FieldOffset(InputColumn.PartnerIdOnRecord) : -1,
            OrderGroup = FieldOffset(InputColumn.OrderGroup),
        });
    }

    private void ReportCellIssues(IReadOnlyList<CellIssue>? issues)
    {
        if (issues is not null)
        {
            foreach (var issue in issues)
            {
                if (issue.ColumnIndex < 0)
                {
                    Add(null, null, issue.Message);
                }
                else if (issue.ColumnIndex < _starts.Length && InputColumns.FindByHeader(_layout.Headers[issue.ColumnIndex]) is not null)
                {
                    Add(ColumnName(issue.ColumnIndex), new string(Span(issue.ColumnIndex)), issue.Message);
                    _blanked[issue.ColumnIndex] = true;
                }
            }
        }

        if (!MayHaveOverlongOrUnreadableCell())
        {
            return;
        }

        for (var i = 0; i < _starts.Length; i++)
        {
            var cell = Span(i);
            if (cell.Length > _options.MaxCellLength)
            {
                Add(ColumnName(i), DisplayText.Shorten(new string(cell)), Invariant($"The value is {cell.Length:N0} characters long; a cell holds at most {_options.MaxCellLength:N0}."));
            }
            else if (cell.Contains('\uFFFD') && InputColumns.FindByHeader(_layout.Headers[i]) is not null)
            {
                Add(ColumnName(i), new string(cell), "The value has characters that could not be read (shown as \uFFFD): the file has bytes there that are not UTF-8 text. Retype them, or save the file as \"CSV UTF-8\", and try again.");
            }
        }
    }

    // Nearly every row has neither: one search of the row's text (its lengths included, which can only add a false
    // alarm) instead of one per cell, then the cells one by one when it finds something.
    private bool MayHaveOverlongOrUnreadableCell()
    {
        if (_starts.Length == 0)
        {
            return false;
        }

        foreach (var length in _lengths)
        {
            if (length > _options.MaxCellLength)
            {
                return true;
            }
        }

        var end = _starts[^1] + _lengths[^1];
        return _text.AsSpan(_rowStart, end - _rowStart).Contains('\uFFFD');
    }

    /// <summary>The text of cell <paramref name="index"/>; empty once an issue of the cell emptied it.</summary>
    private ReadOnlySpan<char> Span(int index) => _blanked[index] ? [] : _text.AsSpan(_starts[index], _lengths[index]);

    private ReadOnlySpan<char> CellSpan(InputColumn column)
    {
        var index = _layout.IndexOf(column);
        return index < 0 ? [] : Span(index);
    }

    /// <summary>The column's value as a string, the same string for every row with the same value while there are few.</summary>
    private string Cell(InputColumn column)
    {
        var text = CellSpan(column);
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var pool = _pools[(int)column];
        if (pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known))
        {
            return known;
        }

        var value = new string(text);
        if (pool.Count < 4096)
        {
            pool.Add(value);
        }

        return value;
    }

    /// <summary>Where the column's cell (its segment) starts, from the row's start, when it holds a value; -1 when it is empty or the file has no such column.</summary>
    private int FieldOffset(InputColumn column)
    {
        var index = _layout.IndexOf(column);
        return index < 0 || _lengths[index] == 0 ? -1 : _starts[index] - RowBlock.PrefixLength(_lengths[index]) - _rowStart;
    }

    /// <summary>
    /// What <paramref name="cache"/> already holds for a cell's <paramref name="text"/> (its normal form, its billing
    /// cycle), looked up by the text itself: no string made, one hash. False when the cell is empty or its value is new.
    /// </summary>
    private static bool Known<TValue>(Dictionary<string, TValue> cache, ReadOnlySpan<char> text, out TValue value)
    {
        if (text.Length > 0 && cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known))
        {
            value = known;
            return true;
        }

        value = default!;
        return false;
    }

    private static string Remember(Dictionary<string, string> cache, string raw, string normalised)
    {
        if (cache.Count < 100_000)
        {
            cache[raw] = normalised;
        }

        return normalised;
    }

    private string ColumnName(int index) => _layout.Headers[index].Length > 0 ? DisplayText.Shorten(_layout.Headers[index]) : ColumnLetters.From(index);

    private void AddFor(InputColumn column, string value, string message)
    {
        var index = _layout.IndexOf(column);
        Add(index < 0 ? InputColumns.Get(column).Name : ColumnName(index), value, message);
    }

    // The value is shown shortened, as are the values messages quote (Shown): a row error never carries a cell's whole text.
    private void Add(string? column, string? value, string message) =>
        _errors.Add(new RowError(_file, _sheet, _number, column, value is null ? null : DisplayText.Shorten(value), message));

    private static string Shown(string value) => DisplayText.Shorten(value);
}
