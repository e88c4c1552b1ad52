namespace BatchOrders.Reading;

/// <summary>
/// Gathers the cells of one sheet row as a workbook stores them, into the <see cref="SheetRow"/> it is. A row
/// split over several row records with the same number (some writers put one cell per record) is one row, as
/// Excel shows it; blank rows are left out.
/// </summary>
internal sealed class RowAssembler
{
    private readonly List<string> _cells = new(16);
    private List<CellIssue>? _issues;
    private int _number = -1;

    /// <summary>The number of the row being gathered; -1 before the first.</summary>
    public int Number => _number;

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

        var done = Finish(out finished);
        _number = number;
        return done;
    }

    /// <summary>Excel's last column, XFD: a cell said to lie beyond it (or before A) is not a cell of the sheet.</summary>
    public const int MaxColumn = 16_383;

    /// <summary>Sets a cell's text (trimmed); cells between the last one set and this one are empty.</summary>
    public void Set(int column, string text)
    {
        if (column is < 0 or > MaxColumn)
        {
            return;
        }

        while (_cells.Count <= column)
        {
            _cells.Add(string.Empty);
        }

        _cells[column] = text.Trim();
    }

    /// <summary>The column after the last cell gathered: where a cell without a reference goes.</summary>
    public int NextColumn => _cells.Count;

    /// <summary>Records why a cell's value cannot be used (an Excel error, a formula never calculated).</summary>
    public void Issue(int column, string message)
    {
        if (column is >= 0 and <= MaxColumn)
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
        return !blank;
    }
}
