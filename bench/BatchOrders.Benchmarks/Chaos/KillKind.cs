namespace BatchOrders.Benchmarks.Chaos;

/// <summary>What a SIGKILL of the client was aimed at.</summary>
internal enum KillKind
{
    /// <summary>A short wall-clock life: mostly while it starts, reads the file and synchronises the journal.</summary>
    StartUp,

    /// <summary>When the ledger reached a share of the batch drawn uniformly.</summary>
    Progress,

    /// <summary>While a 429 storm is on and the client waits out its Retry-After.</summary>
    Storm,

    /// <summary>While the client writes its results workbook.</summary>
    Workbook,

    /// <summary>Within milliseconds of opening a journal of an older version, while it is migrated.</summary>
    Migration,
}
