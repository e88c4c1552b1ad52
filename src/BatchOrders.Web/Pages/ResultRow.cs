namespace BatchOrders.Web.Pages;

/// <summary>One input row on the results page: where it was, its key cells, and what became of it.</summary>
public sealed record ResultRow(int Row, IReadOnlyList<string> KeyCells, string State, string? OrderId, string? ErrorCode, string? ErrorMessage);
