using Dapper;

namespace BatchOrders.Journal;

/// <summary>What the repeat check read of customers' orders, kept so a rerun soon after reuses it instead of reading again.</summary>
public sealed partial class BatchJournal
{
    /// <summary>Keeps what was read of each customer's orders, all in one commit (a customer read again replaces its last read).</summary>
    internal void RecordCustomerReads(IReadOnlyCollection<CustomerRead> reads)
    {
        using var timing = JournalMetrics.Time(nameof(RecordCustomerReads));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute(
                "INSERT INTO customer_reads (customer_id, read_at, orders_json) VALUES (@customerId, @at, @ordersJson) " +
                "ON CONFLICT (customer_id) DO UPDATE SET read_at = @at, orders_json = @ordersJson",
                reads.Select(r => new { customerId = r.CustomerId, at = JournalTime.Format(r.ReadAt), ordersJson = r.OrdersJson }),
                transaction);
            transaction.Commit();
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
