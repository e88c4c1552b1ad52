namespace BatchOrders.Benchmarks.Chaos;

/// <summary>One SIGKILL: which run, what it was aimed at, the share of the batch the ledger held at that moment, and what was seen.</summary>
internal sealed record KillRecord(int Run, KillKind Kind, double Share, double Seconds, string Note)
{
    /// <summary>0 for under 25% of the batch, 1 for 25–50%, 2 for 50–75%, 3 for 75% and more.</summary>
    public int Quarter => Math.Clamp((int)Math.Floor(Share * 4), 0, 3);
}
