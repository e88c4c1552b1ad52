namespace BatchOrders.Journal;

/// <summary>One input row as the journal stored it: its cells in header order and the order it belongs to now.</summary>
public sealed record JournalRow(
    string? Sheet,
    int Row,
    IReadOnlyList<string> Cells,
    string ContentHash,
    string? OrderKey,
    int? LineItemNumber);
