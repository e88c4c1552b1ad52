namespace BatchOrders.Reading;

/// <summary>Where a row is, as the user sees it in Excel: the sheet (null for CSV) and the row number.</summary>
/// <param name="Sheet">The sheet; null for CSV.</param>
/// <param name="Row">The row number Excel shows (1 is the first row).</param>
public readonly record struct RowLocation(string? Sheet, int Row);
