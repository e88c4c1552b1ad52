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

    public OrderRowParser(string file, string? sheet, ColumnLayout layout, ReadOptions options, List<RowError> errors)
    {
        _file = file;
        _sheet = sheet;
        _layout = layout;
        _options = options;
        _errors = errors;
    }

    /// <summary>Where the errors of the rows parsed next are added (a batch of rows parsed on another thread has its own list).</summary>
    public List<RowError> Errors
    {
        get => _errors;
        set => _errors = value;
    }

    /// <summary>The row as an <see cref="OrderRow"/>, or null when it has errors (which are added to the list).</summary>
    public OrderRow? Parse(SheetRow row)
    {
        var cells = Fit(row.Cells, _layout.Headers.Count);
        var errorsBefore = _errors.Count;

        ReportCellIssues(row, cells);
        var customerId = RequiredGuid(row, cells, InputColumn.CustomerId, "a customer tenant id", ExampleTenant);
        var offerId = OfferId(row, cells);
        var quantity = Quantity(row, cells);
        var billingCycle = BillingCycleOf(row, cells);
        var friendlyName = Text(cells, InputColumn.FriendlyName);
        var parent = OptionalGuid(row, cells, InputColumn.ParentSubscriptionId, "a subscription id", "10704f2f-3fc6-4e42-8acf-08df4f81c93c");
        var orderId = OrderIdOf(row, cells);
        var term = TermDurationOf(row, cells);
        var promotion = Text(cells, InputColumn.PromotionId);
        var partnerId = PartnerIdOf(row, cells);
        var group = Text(cells, InputColumn.OrderGroup);
        CheckAddOn(row, cells);

        if (_errors.Count > errorsBefore)
        {
            return null;
        }

        return new OrderRow(
            new RowLocation(_sheet, row.Number), customerId!, offerId!, quantity, billingCycle, friendlyName,
            parent, orderId, term, promotion, partnerId, group, cells);
    }

    private static string[] Fit(string[] cells, int width)
    {
        if (cells.Length == width)
        {
            return cells;
        }

        // Cells past the last header have no column to belong to; missing trailing cells are empty.
        var fitted = new string[width];
        Array.Copy(cells, fitted, Math.Min(cells.Length, width));
        for (var i = cells.Length; i < width; i++)
        {
            fitted[i] = string.Empty;
        }

        return fitted;
    }

    private void ReportCellIssues(SheetRow row, string[] cells)
    {
        if (row.CellIssues is { } issues)
        {
            foreach (var issue in issues)
            {
                if (issue.ColumnIndex < 0)
                {
                    Add(row, null, null, issue.Message);
                }
                else if (issue.ColumnIndex < cells.Length && InputColumns.FindByHeader(_layout.Headers[issue.ColumnIndex]) is not null)
                {
                    Add(row, _layout.Headers[issue.ColumnIndex], cells[issue.ColumnIndex], issue.Message);
                    cells[issue.ColumnIndex] = string.Empty;
                }
            }
        }

        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Length > _options.MaxCellLength)
            {
                Add(row, ColumnName(i), DisplayText.Shorten(cells[i]), Invariant($"The value is {cells[i].Length:N0} characters long; a cell holds at most {_options.MaxCellLength:N0}."));
            }
            else if (cells[i].Contains('\uFFFD', StringComparison.Ordinal) && InputColumns.FindByHeader(_layout.Headers[i]) is not null)
            {
                Add(row, ColumnName(i), cells[i], "The value has characters that could not be read: save the file as \"CSV UTF-8\" and try again.");
            }
        }
    }

    private string? RequiredGuid(SheetRow row, string[] cells, InputColumn column, string what, string example)
    {
        var value = Cell(cells, column);
        if (value.Length == 0)
        {
            AddFor(row, column, value, $"{InputColumns.Get(column).Name} is empty: every row needs {what} (a GUID such as {example}).");
            return null;
        }

        return NormalisedGuid(row, column, value, what, example);
    }

    private string? OptionalGuid(SheetRow row, string[] cells, InputColumn column, string what, string example)
    {
        var value = Cell(cells, column);
        return value.Length == 0 ? null : NormalisedGuid(row, column, value, what, example);
    }

    /// <summary>The id in Partner Center's form (lower case, hyphens), or null with the cell's error added.</summary>
    private string? NormalisedGuid(SheetRow row, InputColumn column, string value, string what, string example)
    {
        if (_guids.TryGetValue(value, out var known))
        {
            return known;
        }

        if (!Guid.TryParse(value, out var guid))
        {
            AddFor(row, column, value, $"'{value}' is not {what}: expected a GUID such as {example}.");
            return null;
        }

        if (guid == Guid.Empty)
        {
            AddFor(row, column, value, $"The all-zero GUID is not {what}: copy the real id, such as {example}.");
            return null;
        }

        // Ids usually come as Partner Center writes them (lower case, hyphens): then the cell's own string is the
        // normalised one, and a million rows do not each allocate a copy.
        Span<char> formatted = stackalloc char[36];
        guid.TryFormat(formatted, out _, "D");
        return Remember(_guids, value, formatted.SequenceEqual(value) ? value : new string(formatted));
    }

    private string? OfferId(SheetRow row, string[] cells)
    {
        var value = Cell(cells, InputColumn.OfferId);
        if (_offers.TryGetValue(value, out var known))
        {
            return known;
        }

        const string Valid = "expected a legacy offer GUID such as 031c9e47-4802-4248-838e-778fb1d2cc05, or a new-commerce catalog id PRODUCT:SKU:AVAILABILITY such as CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM";
        if (value.Length == 0)
        {
            AddFor(row, InputColumn.OfferId, value, $"OfferId is empty: every row needs the offer to buy ({Valid}).");
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

        AddFor(row, InputColumn.OfferId, value, $"'{value}' is not an offer id: {Valid}.");
        return null;
    }

    private int Quantity(SheetRow row, string[] cells)
    {
        var value = Cell(cells, InputColumn.Quantity);
        var (quantity, problem) = CellRules.Quantity(value);
        if (problem is not null)
        {
            AddFor(row, InputColumn.Quantity, value, problem);
        }

        return quantity;
    }

    private BillingCycle? BillingCycleOf(SheetRow row, string[] cells)
    {
        var value = Cell(cells, InputColumn.BillingCycle);
        if (value.Length == 0)
        {
            return null;
        }

        if (BillingCycles.TryParse(value, out var cycle))
        {
            return cycle;
        }

        AddFor(row, InputColumn.BillingCycle, value,
            $"'{value}' is not a billing cycle: use {string.Join(", ", BillingCycles.DisplayNames)}, or leave it blank for the order's default.");
        return null;
    }

    private string? OrderIdOf(SheetRow row, string[] cells)
    {
        var value = Cell(cells, InputColumn.OrderId);
        if (value.Length == 0)
        {
            return null;
        }

        if (!CellRules.IsOrderId(value))
        {
            AddFor(row, InputColumn.OrderId, value,
                $"'{value}' is not an order id: a Partner Center order id is one word without spaces or / \\ ? # %, such as Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1.");
            return null;
        }

        return value;
    }

    private string? TermDurationOf(SheetRow row, string[] cells)
    {
        var value = Cell(cells, InputColumn.TermDuration);
        if (value.Length == 0)
        {
            return null;
        }

        var upper = value.ToUpperInvariant();
        if (CellRules.IsIsoDuration(upper))
        {
            return upper;
        }

        AddFor(row, InputColumn.TermDuration, value,
            $"'{value}' is not an ISO 8601 duration: use P1M (one month), P1Y (one year) or P3Y (three years).");
        return null;
    }

    private string? PartnerIdOf(SheetRow row, string[] cells)
    {
        var value = Cell(cells, InputColumn.PartnerIdOnRecord);
        if (value.Length == 0)
        {
            return null;
        }

        if (CellRules.IsPartnerId(value))
        {
            return value;
        }

        AddFor(row, InputColumn.PartnerIdOnRecord, value,
            $"'{value}' is not a partner id: expected the indirect reseller's Partner Center id, digits only, such as 1234567.");
        return null;
    }

    private void CheckAddOn(SheetRow row, string[] cells)
    {
        var parentText = Cell(cells, InputColumn.ParentSubscriptionId);
        var orderText = Cell(cells, InputColumn.OrderId);
        if (parentText.Length > 0 && orderText.Length == 0)
        {
            AddFor(row, InputColumn.OrderId, orderText,
                "An add-on (ParentSubscriptionId is set) needs OrderId: the existing order of the parent subscription, which the add-on is added to.");
        }
        else if (orderText.Length > 0 && parentText.Length == 0)
        {
            AddFor(row, InputColumn.ParentSubscriptionId, parentText,
                "OrderId adds to an existing order, which is only for add-ons: set ParentSubscriptionId to the subscription the add-on attaches to, or clear OrderId to create a new order.");
        }
    }

    private string Cell(string[] cells, InputColumn column)
    {
        var index = _layout.IndexOf(column);
        return index < 0 ? string.Empty : cells[index];
    }

    private string? Text(string[] cells, InputColumn column)
    {
        var value = Cell(cells, column);
        return value.Length == 0 ? null : value;
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

    private void AddFor(SheetRow row, InputColumn column, string value, string message)
    {
        var index = _layout.IndexOf(column);
        Add(row, index < 0 ? InputColumns.Get(column).Name : ColumnName(index), value, message);
    }

    private void Add(SheetRow row, string? column, string? value, string message) =>
        _errors.Add(new RowError(_file, _sheet, row.Number, column, value, message));
}
