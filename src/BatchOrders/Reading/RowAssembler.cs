namespace BatchOrders.Reading;

/// <summary>
/// Gathers the cells of one sheet row as a workbook stores them, into the <see cref="SheetRow"/> it is. A row
/// split over several row records with the same number (some writers put one cell per record) is one row, as
/// Excel shows it; blank rows are left out. Empty cells cost nothing (a row is kept up to its last value), so a
/// sheet of empty cells, or one far to the right, is read at the speed of its bytes; a value past
/// <see cref="ReadOptions.MaxColumns"/>, or a row number Excel cannot have, makes the file unreadable.
/// </summary>
internal sealed class RowAssembler(string where, int maxColumns)
{
    /// <summary>Excel's last column, XFD: a cell said to lie beyond it (or before A) is not a cell of the sheet.</summary>
    public const int MaxColumn = 16_383;

    /// <summary>Excel's last row.</summary>
    public const int MaxRow = 1_048_576;

    private readonly List<string> _cells = new(16);
    private List<CellIssue>? _issues;
    private int _number = -1;
    private int _next;

    /// <summary>The number of the row being gathered; -1 before the first.</summary>
    public int Number => _number;

    /// <summary>The column after the last cell gathered, empty ones too: where a cell without a reference goes.</summary>
    public int NextColumn => _next;

    /// <summary>
    /// Starts gathering row <paramref name="number"/>. When that is the row already being gathered (a split row)
    /// nothing changes; otherwise the previous row is finished and given when it is not blank.
    /// </summary>
    public bool Start(int number, out SheetRow finished)
    {
        if (number == _number)
        {
            finished = default;
            return false;
        }

        if (number is < 1 or > MaxRow)
        {
            throw new InputFileException(FormattableString.Invariant(
                $"{where} is damaged: it has a row numbered {number:N0}, and Excel's rows run from 1 to {MaxRow:N0}. Open it in Excel and save it again."));
        }

        var done = Finish(out finished);
        _number = number;
        return done;
    }

    /// <summary>Passes an empty cell: only where the next cell without a reference goes moves.</summary>
    public void Skip(int column)
    {
        if (column is >= 0 and <= MaxColumn)
        {
            _next = column + 1;
        }
    }

    /// <summary>Sets a cell's text (trimmed); cells between the last one set and this one are empty.</summary>
    public void Set(int column, string text)
    {
        if (column is < 0 or > MaxColumn)
        {
            return;
        }

        _next = column + 1;
        text = text.Trim();
        if (text.Length == 0)
        {
            // Only a cell already set (the same reference twice) needs its value cleared.
            if (column < _cells.Count)
            {
                _cells[column] = string.Empty;
            }

            return;
        }

        if (column >= maxColumns)
        {
            throw ReadBudgets.TooManyColumns(where, _number, column, maxColumns);
        }

        while (_cells.Count <= column)
        {
            _cells.Add(string.Empty);
        }

        _cells[column] = text;
    }

    /// <summary>Records why a cell's value cannot be used (an Excel error, a formula never calculated).</summary>
    public void Issue(int column, string message)
    {
        if (column >= 0 && column < maxColumns)
        {
            (_issues ??= []).Add(new CellIssue(column, message));
        }
    }

    /// <summary>Finishes the row being gathered: true with the row when it has a non-blank cell.</summary>
    public bool Finish(out SheetRow row)
    {
        var blank = _cells.TrueForAll(c => c.Length == 0);
        row = blank ? default : new SheetRow(_number, [.. _cells], _issues);
        _cells.Clear();
        _issues = null;
        _number = -1;
        _next = 0;
        return !blank;
    }
}
