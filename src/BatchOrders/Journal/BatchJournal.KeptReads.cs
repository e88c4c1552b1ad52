using Dapper;

namespace BatchOrders.Journal;

/// <summary>
/// Reads of Partner Center kept so a rerun soon after reuses them instead of reading again: the repeat check's reads
/// of customers' orders and the preflight's reads (docs/ARCHITECTURE.md, "Reads kept for a rerun").
/// </summary>
public sealed partial class BatchJournal
{
    /// <summary>Keeps <paramref name="reads"/>, all in one commit (a key read again replaces its last read).</summary>
    internal void RecordReads(IReadOnlyCollection<KeptRead> reads)
    {
        using var timing = JournalMetrics.Time(nameof(RecordReads));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute(
                "INSERT INTO partner_reads (read_key, read_at, body) VALUES (@key, @at, @body) " +
                "ON CONFLICT (read_key) DO UPDATE SET read_at = @at, body = @body",
                reads.Select(r => new { key = r.Key, at = JournalTime.Format(r.ReadAt), body = r.Body }),
                transaction);
            transaction.Commit();
        }
    }

    /// <summary>What was last kept of the read <paramref name="key"/>, when that read began at or after <paramref name="notBefore"/>; else null.</summary>
    internal string? GetRead(string key, DateTimeOffset notBefore)
    {
        using var timing = JournalMetrics.Time(nameof(GetRead));
        lock (_lock)
        {
            return _connection.QuerySingleOrDefault<string>(
                "SELECT body FROM partner_reads WHERE read_key = @key AND read_at >= @notBefore",
                new { key, notBefore = JournalTime.Format(notBefore) });
        }
    }

    /// <summary>Forgets the reads <paramref name="keys"/>, all in one commit: the next run reads them again.</summary>
    internal void ForgetReads(IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        using var timing = JournalMetrics.Time(nameof(ForgetReads));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute("DELETE FROM partner_reads WHERE read_key = @key", keys.Select(key => new { key }), transaction);
            transaction.Commit();
        }
    }
}
