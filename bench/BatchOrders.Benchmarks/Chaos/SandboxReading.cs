namespace BatchOrders.Benchmarks.Chaos;

/// <summary>The standalone sandbox's counters over all its lives: ledger entries (orders and add-on PATCHes) and 429s answered by storms.</summary>
internal sealed record SandboxReading(long LedgerEntries, long Storm429s);
