using Dapper;

namespace BatchOrders.Journal;

/// <summary>What the repeat check read of customers' orders, kept so a rerun soon after reuses it instead of reading again.</summary>
public sealed partial class BatchJournal
{
    /// <summary>Keeps what was read of <paramref name="customerId"/>'s orders (opaque to the journal) and when the read began.</summary>
    internal void RecordCustomerRead(string customerId, string ordersJson, DateTimeOffset readAt)
    {
        using var timing = JournalMetrics.Time(nameof(RecordCustomerRead));
        lock (_lock)
        {
            _connection.Execute(
                "INSERT INTO customer_reads (customer_id, read_at, orders_json) VALUES (@customerId, @at, @ordersJson) " +
                "ON CONFLICT (customer_id) DO UPDATE SET read_at = @at, orders_json = @ordersJson",
                new { customerId, at = JournalTime.Format(readAt), ordersJson });
        }
    }

    /// <summary>What was last read of <paramref name="customerId"/>'s orders, when that read began at or after <paramref name="notBefore"/>; else null.</summary>
    internal string? GetCustomerRead(string customerId, DateTimeOffset notBefore)
    {
        using var timing = JournalMetrics.Time(nameof(GetCustomerRead));
        lock (_lock)
        {
            return _connection.QuerySingleOrDefault<string>(
                "SELECT orders_json FROM customer_reads WHERE customer_id = @customerId AND read_at >= @notBefore",
                new { customerId, notBefore = JournalTime.Format(notBefore) });
        }
    }
}
