using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>Questions asked of the journal: the batch, its runs, orders, rows and attempts. Nothing here writes.</summary>
public sealed partial class BatchJournal
{
    /// <summary>The batch this journal belongs to, or null for a new journal.</summary>
    public JournalBatch? GetBatch()
    {
        lock (_lock)
        {
            return ReadBatch();
        }
    }

    /// <summary>The files that fed the batch (a file moved, renamed or re-saved is another entry), oldest first.</summary>
    public IReadOnlyList<JournalInput> GetInputs()
    {
        lock (_lock)
        {
            return _connection.Query<(string Path, string Name, string Sha, string First, string Last)>(
                    "SELECT path, name, sha256, first_used_at, last_used_at FROM inputs ORDER BY id")
                .Select(i => new JournalInput(i.Path, i.Name, i.Sha, JournalTime.Parse(i.First), JournalTime.Parse(i.Last)))
                .ToList();
        }
    }

    /// <summary>Every run of the command against this journal, oldest first.</summary>
    public IReadOnlyList<JournalRun> GetRuns()
    {
        lock (_lock)
        {
            return _connection.Query<RunRecord>(
                    "SELECT id AS Id, started_at AS StartedAt, ended_at AS EndedAt, input_sha256 AS InputSha256, target AS Target, exit_code AS ExitCode, tool_version AS ToolVersion FROM runs ORDER BY id")
                .Select(r => new JournalRun(r.Id, JournalTime.Parse(r.StartedAt), JournalTime.ParseOrNull(r.EndedAt), r.InputSha256, Target.FromName(r.Target), r.ExitCode, r.ToolVersion))
                .ToList();
        }
    }

    /// <summary>Orders in plan order, optionally only those in the given states.</summary>
    public IReadOnlyList<JournalOrder> GetOrders(params OrderState[] states)
    {
        lock (_lock)
        {
            var where = states.Length == 0 ? string.Empty : "WHERE state IN @states";
            return _connection.Query<OrderRecord>($"{OrderRecord.Select} {where} ORDER BY sequence, order_key",
                    new { states = states.Select(s => s.ToString()).ToArray() })
                .Select(r => r.ToOrder())
                .ToList();
        }
    }

    /// <summary>One order by its key, or null.</summary>
    public JournalOrder? GetOrder(string orderKey)
    {
        lock (_lock)
        {
            return FindOrder(orderKey);
        }
    }

    /// <summary>The Partner Center orders this journal already knows for a customer: read-back never takes them for another order.</summary>
    public IReadOnlySet<string> GetPartnerOrderIds(string customerId)
    {
        lock (_lock)
        {
            return _connection.Query<string>("SELECT line_items_json FROM orders WHERE customer_id = @customerId AND partner_order_id IS NOT NULL", new { customerId })
                .SelectMany(json => JsonSerializer.Deserialize<JournalLineItem[]>(json, Json)!)
                .Select(l => l.PartnerOrderId)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The orders to send now, in plan order: in-flight ones first (their outcome is unknown), then pending ones whose
    /// slot has no in-flight version (that one's outcome decides whether they may be sent at all).
    /// </summary>
    public IReadOnlyList<JournalOrder> GetWork()
    {
        using var timing = JournalMetrics.Time(nameof(GetWork));
        lock (_lock)
        {
            return _connection.Query<OrderRecord>(
                    $"""
                    {OrderRecord.Select} o
                    WHERE o.state = 'Sending'
                       OR (o.state = 'Pending' AND NOT EXISTS (
                            SELECT 1 FROM orders s WHERE s.group_key = o.group_key AND s.order_key <> o.order_key AND s.state = 'Sending'))
                    ORDER BY CASE o.state WHEN 'Sending' THEN 0 ELSE 1 END, o.sequence
                    """)
                .Select(r => r.ToOrder())
                .ToList();
        }
    }

    /// <summary>Counts of orders per state.</summary>
    public IReadOnlyDictionary<OrderState, int> CountByState()
    {
        using var timing = JournalMetrics.Time(nameof(CountByState));
        lock (_lock)
        {
            return CountStates("SELECT state, COUNT(*) FROM orders GROUP BY state");
        }
    }

    /// <summary>Rows of the input as last synchronised, counted by the state of the order each belongs to.</summary>
    public IReadOnlyDictionary<OrderState, int> CountRowsByState()
    {
        lock (_lock)
        {
            return CountStates("SELECT o.state, COUNT(*) FROM rows r JOIN orders o ON o.order_key = r.order_key GROUP BY o.state");
        }
    }

    /// <summary>The rows of the input as last synchronised, in sheet and row order.</summary>
    public IReadOnlyList<JournalRow> GetRows()
    {
        lock (_lock)
        {
            return _connection.Query<RowRecord>(
                    "SELECT sheet AS Sheet, row_number AS RowNumber, cells_json AS CellsJson, content_hash AS ContentHash, order_key AS OrderKey, line_item_number AS LineItemNumber FROM rows ORDER BY sheet, row_number")
                .Select(r => new JournalRow(r.Sheet.Length == 0 ? null : r.Sheet, r.RowNumber, JsonSerializer.Deserialize<string[]>(r.CellsJson, Json)!, r.ContentHash, r.OrderKey, r.LineItemNumber))
                .ToList();
        }
    }

    /// <summary>HTTP attempts, newest first, optionally of one order.</summary>
    public IReadOnlyList<JournalAttempt> GetAttempts(int limit = int.MaxValue, string? orderKey = null)
    {
        lock (_lock)
        {
            return _connection.Query<AttemptRecord>(
                    "SELECT order_key AS OrderKey, request_id AS RequestId, at AS At, http_status AS HttpStatus, outcome AS Outcome, error_code AS ErrorCode, message AS Message " +
                    "FROM attempts WHERE (@orderKey IS NULL OR order_key = @orderKey) ORDER BY id DESC LIMIT @limit",
                    new { limit, orderKey })
                .Select(a => new JournalAttempt(a.OrderKey, Guid.Parse(a.RequestId), JournalTime.Parse(a.At), a.HttpStatus, a.Outcome, a.ErrorCode, a.Message))
                .ToList();
        }
    }

    private Dictionary<OrderState, int> CountStates(string sql)
    {
        var counts = Enum.GetValues<OrderState>().ToDictionary(s => s, _ => 0);
        foreach (var (state, count) in _connection.Query<(string, int)>(sql))
        {
            counts[Enum.Parse<OrderState>(state)] = count;
        }

        return counts;
    }

    private JournalOrder? FindOrder(string orderKey, SqliteTransaction? transaction = null) =>
        _connection.QuerySingleOrDefault<OrderRecord>($"{OrderRecord.Select} WHERE order_key = @orderKey", new { orderKey }, transaction)?.ToOrder();

    private JournalBatch? ReadBatch(SqliteTransaction? transaction = null) =>
        _connection.QuerySingleOrDefault<BatchRecord>(
                "SELECT batch_id AS BatchId, input_name AS InputName, input_path AS InputPath, input_sha256 AS InputSha256, sheet AS Sheet, headers_json AS HeadersJson, target AS Target, created_at AS CreatedAt, updated_at AS UpdatedAt FROM batch WHERE id = 1",
                transaction: transaction)
            ?.ToBatch();
}
