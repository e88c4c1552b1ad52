namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// How one client run ended: its exit code, or the kill (<see cref="Killed"/>) with what was seen then; the share of
/// the batch in the ledger at that moment; and a problem when what it left behind breaks a promise.
/// </summary>
internal sealed record ClientRunOutcome(int Number, int? ExitCode, KillKind? Killed, double Seconds, double Share, string Note, string? Problem = null);
