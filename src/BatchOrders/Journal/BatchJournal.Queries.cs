using Dapper;

namespace BatchOrders.Journal;

/// <summary>Read-only questions the results and status screens ask of the journal.</summary>
public sealed partial class BatchJournal
{
    /// <summary>Rows of the input as last synchronised, counted by the state of the order each belongs to.</summary>
    public IReadOnlyDictionary<OrderState, int> CountRowsByState()
    {
        lock (_lock)
        {
            var counts = Enum.GetValues<OrderState>().ToDictionary(s => s, _ => 0);
            foreach (var (state, count) in _connection.Query<(string, int)>(
                         "SELECT o.state, COUNT(*) FROM rows r JOIN orders o ON o.order_key = r.order_key GROUP BY o.state"))
            {
                counts[Enum.Parse<OrderState>(state)] = count;
            }

            return counts;
        }
    }
}
