namespace BatchOrders.Journal;

/// <summary>
/// Reads of Partner Center kept in the journal for a rerun, one mechanism for every reader (the repeat check, the
/// preflight): a read that got an answer is kept a batch at a time as it is made (<see cref="PendingReads"/>), and a
/// run reuses a kept read that began within <paramref name="reusedFor"/> instead of reading again (zero: never).
/// See docs/ARCHITECTURE.md, "Reads kept for a rerun".
/// </summary>
internal sealed class KeptReads(BatchJournal journal, TimeSpan reusedFor, TimeProvider time)
{
    private readonly PendingReads _pending = new(journal, time);

    /// <summary>What was kept of the read <paramref name="key"/>, when it is young enough to reuse for a read beginning at <paramref name="startedAt"/>; else null.</summary>
    public string? Find(string key, DateTimeOffset startedAt) =>
        reusedFor > TimeSpan.Zero ? journal.GetRead(key, startedAt - reusedFor) : null;

    /// <summary>Keeps what was read of <paramref name="key"/> (written with the next batch), dated from when the read began.</summary>
    public void Keep(string key, string body, DateTimeOffset startedAt) => _pending.Add(new KeptRead(key, body, startedAt));

    /// <summary>Writes every read not yet written.</summary>
    public void Flush() => _pending.Flush();

    /// <summary>Forgets <paramref name="keys"/>, written or waiting: the next run reads them again.</summary>
    public void Forget(IReadOnlyCollection<string> keys)
    {
        // Written first, so no batch still waiting puts a forgotten read back afterwards.
        _pending.Flush();
        journal.ForgetReads(keys);
    }
}
