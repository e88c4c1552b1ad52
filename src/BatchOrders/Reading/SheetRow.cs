namespace BatchOrders.Reading;

/// <summary>
/// One non-blank row of a sheet as read: its number as Excel shows it and its cells as trimmed text, as strings
/// (<paramref name="Cells"/>) or, from a source that reads rows into a buffer it reuses, in that
/// <see cref="Buffer"/> until the source reads the next row (<see cref="Detached"/> makes them strings).
/// <paramref name="CellIssues"/> names cells that hold no usable value (an Excel error, a formula never calculated).
/// </summary>
internal readonly record struct SheetRow(int Number, string[] Cells, IReadOnlyList<CellIssue>? CellIssues = null)
{
    /// <summary>A row whose cells are in <paramref name="buffer"/>.</summary>
    public SheetRow(int number, CellBuffer buffer, IReadOnlyList<CellIssue>? cellIssues)
        : this(number, [], cellIssues) => Buffer = buffer;

    /// <summary>The source's buffer holding the cells; null when they are <see cref="Cells"/>.</summary>
    public CellBuffer? Buffer { get; }

    public int CellCount => Buffer?.Count ?? Cells.Length;

    public ReadOnlySpan<char> Cell(int index) => Buffer is { } buffer ? buffer[index] : Cells[index];

    /// <summary>The row with its cells as strings, to keep after the source has read on.</summary>
    public SheetRow Detached() => Buffer is { } buffer ? new SheetRow(Number, buffer.ToStrings(), CellIssues) : this;
}
