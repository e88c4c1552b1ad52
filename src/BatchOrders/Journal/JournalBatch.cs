namespace BatchOrders.Journal;

/// <summary>The batch a journal file belongs to: one input file, one target, its headers as last read.</summary>
public sealed record JournalBatch(
    string BatchId,
    string InputName,
    string InputPath,
    string InputSha256,
    string? Sheet,
    IReadOnlyList<string> Headers,
    Target Target,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
