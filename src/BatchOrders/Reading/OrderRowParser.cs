using static System.FormattableString;

namespace BatchOrders.Reading;

/// <summary>
/// Checks and normalises the cells of one data row against the rules of every known column, reporting every
/// problem of the row (not just the first) with its place, the value found and what would be valid.
/// </summary>
internal sealed class OrderRowParser
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
                    Add(_layout.Headers[issue.ColumnIndex], new string(Span(issue.ColumnIndex)), issue.Message);
                    _blanked[issue.ColumnIndex] = true;
                }
            }
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
                Add(ColumnName(i), new string(cell), "The value has characters that could not be read: save the file as \"CSV UTF-8\" and try again.");
            }
        }
    }

    private string? RequiredGuid(InputColumn column, string what, string example)
    {
        var text = CellSpan(column);
        if (text.Length == 0)
        {
            AddFor(column, string.Empty, $"{InputColumns.Get(column).Name} is empty: every row needs {what} (a GUID such as {example}).");
            return null;
        }

        // A customer's rows usually come together: its id is checked once and its rows share one string.
        if (_lastRequired.Raw is { } last && text.SequenceEqual(last))
        {
            return _lastRequired.Normalised;
        }

        var value = new string(text);
        var normalised = NormalisedGuid(column, value, what, example);
        if (normalised is not null)
        {
            _lastRequired = (value, normalised);
        }

        return normalised;
    }

    private string? OptionalGuid(InputColumn column, string what, string example)
    {
        var value = Cell(column);
        return value.Length == 0 ? null : NormalisedGuid(column, value, what, example);
    }

    /// <summary>The id in Partner Center's form (lower case, hyphens), or null with the cell's error added.</summary>
    private string? NormalisedGuid(InputColumn column, string value, string what, string example)
    {
        if (_guids.TryGetValue(value, out var known))
        {
            return known;
        }

        if (!Guid.TryParse(value, out var guid))
        {
            AddFor(column, value, $"'{value}' is not {what}: expected a GUID such as {example}.");
            return null;
        }

        if (guid == Guid.Empty)
        {
            AddFor(column, value, $"The all-zero GUID is not {what}: copy the real id, such as {example}.");
            return null;
        }

        // Ids usually come as Partner Center writes them (lower case, hyphens): then the cell's own string is the
        // normalised one, and a million rows do not each allocate a copy.
        Span<char> formatted = stackalloc char[36];
        guid.TryFormat(formatted, out _, "D");
        return Remember(_guids, value, formatted.SequenceEqual(value) ? value : new string(formatted));
    }

    private string? OfferId()
    {
        var value = Cell(InputColumn.OfferId);
        if (_offers.TryGetValue(value, out var known))
        {
            return known;
        }

        const string Valid = "expected a legacy offer GUID such as 031c9e47-4802-4248-838e-778fb1d2cc05, or a new-commerce catalog id PRODUCT:SKU:AVAILABILITY such as CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM";
        if (value.Length == 0)
        {
            AddFor(InputColumn.OfferId, value, $"OfferId is empty: every row needs the offer to buy ({Valid}).");
            return null;
        }

        if (Guid.TryParse(value, out var guid) && guid != Guid.Empty)
        {
            return Remember(_offers, value, guid.ToString("D"));
        }

        if (CellRules.IsCatalogId(value))
        {
            return Remember(_offers, value, value.ToUpperInvariant());
        }

        AddFor(InputColumn.OfferId, value, $"'{value}' is not an offer id: {Valid}.");
        return null;
    }

    private int Quantity()
    {
        var value = Cell(InputColumn.Quantity);
        var (quantity, problem) = CellRules.Quantity(value);
        if (problem is not null)
        {
            AddFor(InputColumn.Quantity, value, problem);
        }

        return quantity;
    }

    private BillingCycle? BillingCycleOf()
    {
        var value = Cell(InputColumn.BillingCycle);
        if (value.Length == 0)
        {
            return null;
        }

        if (BillingCycles.TryParse(value, out var cycle))
        {
            return cycle;
        }

        AddFor(InputColumn.BillingCycle, value,
            $"'{value}' is not a billing cycle: use {string.Join(", ", BillingCycles.DisplayNames)}, or leave it blank for the order's default.");
        return null;
    }

    /// <summary>Whether the row has a valid order id (an invalid one adds its error).</summary>
    private bool OrderIdOf()
    {
        var text = CellSpan(InputColumn.OrderId);
        if (text.Length == 0)
        {
            return false;
        }

        if (!CellRules.IsOrderId(text))
        {
            var value = new string(text);
            AddFor(InputColumn.OrderId, value,
                $"'{value}' is not an order id: a Partner Center order id is one word without spaces or / \\ ? # %, such as Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1.");
            return false;
        }

        return true;
    }

    private string? TermDurationOf()
    {
        var value = Cell(InputColumn.TermDuration);
        if (value.Length == 0)
        {
            return null;
        }

        if (_terms.TryGetValue(value, out var known))
        {
            return known;
        }

        var upper = value.ToUpperInvariant();
        if (CellRules.IsIsoDuration(upper))
        {
            return Remember(_terms, value, upper);
        }

        AddFor(InputColumn.TermDuration, value,
            $"'{value}' is not an ISO 8601 duration: use P1M (one month), P1Y (one year) or P3Y (three years).");
        return null;
    }

    /// <summary>Whether the row has a valid partner id (an invalid one adds its error).</summary>
    private bool PartnerIdOf()
    {
        var text = CellSpan(InputColumn.PartnerIdOnRecord);
        if (text.Length == 0)
        {
            return false;
        }

        if (CellRules.IsPartnerId(text))
        {
            return true;
        }

        var value = new string(text);
        AddFor(InputColumn.PartnerIdOnRecord, value,
            $"'{value}' is not a partner id: expected the indirect reseller's Partner Center id, digits only, such as 1234567.");
        return false;
    }

    private void CheckAddOn()
    {
        var parentText = CellSpan(InputColumn.ParentSubscriptionId);
        var orderText = CellSpan(InputColumn.OrderId);
        if (parentText.Length > 0 && orderText.Length == 0)
        {
            AddFor(InputColumn.OrderId, string.Empty,
                "An add-on (ParentSubscriptionId is set) needs OrderId: the existing order of the parent subscription, which the add-on is added to.");
        }
        else if (orderText.Length > 0 && parentText.Length == 0)
        {
            AddFor(InputColumn.ParentSubscriptionId, string.Empty,
                "OrderId adds to an existing order, which is only for add-ons: set ParentSubscriptionId to the subscription the add-on attaches to, or clear OrderId to create a new order.");
        }
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

    private static string Remember(Dictionary<string, string> cache, string raw, string normalised)
    {
        if (cache.Count < 100_000)
        {
            cache[raw] = normalised;
        }

        return normalised;
    }

    private string ColumnName(int index) => _layout.Headers[index].Length > 0 ? _layout.Headers[index] : ColumnLetters.From(index);

    private void AddFor(InputColumn column, string value, string message)
    {
        var index = _layout.IndexOf(column);
        Add(index < 0 ? InputColumns.Get(column).Name : ColumnName(index), value, message);
    }

    private void Add(string? column, string? value, string message) =>
        _errors.Add(new RowError(_file, _sheet, _number, column, value, message));
}
