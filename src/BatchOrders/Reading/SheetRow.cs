namespace BatchOrders.Reading;

/// <summary>
/// One non-blank row of a sheet as read: its number as Excel shows it and its cells as trimmed text.
/// <paramref name="CellIssues"/> names cells that hold no usable value (an Excel error, a formula never calculated).
/// </summary>
internal readonly record struct SheetRow(int Number, string[] Cells, IReadOnlyList<CellIssue>? CellIssues = null);
