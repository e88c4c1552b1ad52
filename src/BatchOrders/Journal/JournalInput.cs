namespace BatchOrders.Journal;

/// <summary>A file that fed a batch: where it was, its SHA-256, and when it was first and last used.</summary>
public sealed record JournalInput(string Path, string Name, string Sha256, DateTimeOffset FirstUsedAt, DateTimeOffset LastUsedAt);
