namespace BatchOrders.Reading;

/// <summary>Where a row is, as the user sees it in Excel: the sheet (null for CSV) and the row number.</summary>
public readonly record struct RowLocation(string? Sheet, int Row);
