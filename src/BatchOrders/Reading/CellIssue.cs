namespace BatchOrders.Reading;

/// <summary>Why a cell's text cannot be trusted: the 0-based column (-1 for the whole row) and what to do about it.</summary>
internal sealed record CellIssue(int ColumnIndex, string Message);
