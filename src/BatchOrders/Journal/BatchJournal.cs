using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>
/// The write-ahead journal of one batch: a SQLite file (WAL) holding the batch, its rows and every order with its
/// request id and state. Every change is one committed transaction before the caller acts on it, so a crash at
/// any moment leaves a journal that a rerun resumes from. Safe to use from several workers at once.
/// </summary>
public sealed partial class BatchJournal : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Func<Guid> _newId;
    // SQLite serialises writers anyway; one lock keeps the single connection safe for concurrent workers.
    private readonly Lock _lock = new();

    private BatchJournal(string path, SqliteConnection connection, TimeProvider time, Func<Guid> newId)
    {
        Path = path;
        _connection = connection;
        _time = time;
        _newId = newId;
    }

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>The default journal of an input file: beside it, <c>&lt;input&gt;.journal.db</c>.</summary>
    public static string DefaultPath(string inputPath) => System.IO.Path.GetFullPath(inputPath) + ".journal.db";

    /// <summary>Opens (creating if needed) and migrates a journal; a problem message instead when it cannot be used.</summary>
    public static (BatchJournal? Journal, string? Problem) Open(string path, TimeProvider? time = null, Func<Guid>? newId = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        time ??= TimeProvider.System;
        SqliteConnection? connection = null;
        try
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            // WAL lets a status or report command read while a run writes; FULL makes each commit survive power loss.
            connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;");
            if (JournalSchema.Migrate(connection, time) is { } problem)
            {
                connection.Dispose();
                return (null, problem);
            }

            return (new BatchJournal(path, connection, time, newId ?? Guid.NewGuid), null);
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            return (null, $"The journal {path} cannot be used ({ex.SqliteErrorCode}: {ex.Message.TrimEnd('.')}). " +
                          "If it is not a BatchOrders journal, choose another file with --journal.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            return (null, $"The journal {path} cannot be opened: {ex.Message}");
        }
    }

    /// <summary>
    /// Binds the journal to its input file and target, or says why it cannot be: a journal belongs to one input
    /// file and one target for its whole life, so a sandbox rehearsal can never be mistaken for real orders.
    /// </summary>
    public string? Bind(string inputPath, string inputSha256, string? sheet, IReadOnlyList<string> headers, string target)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        var name = System.IO.Path.GetFileName(inputPath);
        lock (_lock)
        {
            var batch = ReadBatch();
            var now = JournalTime.Format(_time.GetUtcNow());
            if (batch is null)
            {
                _connection.Execute(
                    "INSERT INTO batch (id, batch_id, input_name, input_path, input_sha256, sheet, headers_json, target, created_at, updated_at) " +
                    "VALUES (1, @batchId, @name, @path, @sha, @sheet, @headers, @target, @now, @now)",
                    new { batchId = _newId().ToString("N"), name, path = System.IO.Path.GetFullPath(inputPath), sha = inputSha256, sheet, headers = JsonSerializer.Serialize(headers, Json), target, now });
                return null;
            }

            if (!string.Equals(batch.InputName, name, StringComparison.OrdinalIgnoreCase))
            {
                return $"The journal {Path} belongs to {batch.InputName}, not {name}. " +
                       "Run with that file to resume it, or give this file its own journal with --journal PATH.";
            }

            // Live orders and rehearsals never share a journal; rehearsals may move (a standalone sandbox's port changes).
            if (IsLive(batch.Target) != IsLive(target))
            {
                return $"The journal {Path} was used with the {Describe(batch.Target)}; this run is for the {Describe(target)}. " +
                       "Live orders and rehearsals never share a journal: give this run its own journal with --journal PATH.";
            }

            _connection.Execute("UPDATE batch SET target = @target WHERE id = 1", new { target });
            return null;
        }
    }

    /// <summary>The batch this journal belongs to, or null for a new journal.</summary>
    public JournalBatch? GetBatch()
    {
        lock (_lock)
        {
            return ReadBatch();
        }
    }

    /// <summary>Records the start of a run; returns its id for <see cref="EndRun"/>.</summary>
    public long StartRun(string inputSha256, string target)
    {
        lock (_lock)
        {
            return _connection.ExecuteScalar<long>(
                "INSERT INTO runs (started_at, input_sha256, target) VALUES (@at, @sha, @target); SELECT last_insert_rowid();",
                new { at = JournalTime.Format(_time.GetUtcNow()), sha = inputSha256, target });
        }
    }

    public void EndRun(long runId, int exitCode)
    {
        lock (_lock)
        {
            _connection.Execute("UPDATE runs SET ended_at = @at, exit_code = @exitCode WHERE id = @runId",
                new { at = JournalTime.Format(_time.GetUtcNow()), exitCode, runId });
        }
    }

    public IReadOnlyList<JournalRun> GetRuns()
    {
        lock (_lock)
        {
            return _connection.Query<RunRecord>(
                    "SELECT id AS Id, started_at AS StartedAt, ended_at AS EndedAt, input_sha256 AS InputSha256, target AS Target, exit_code AS ExitCode FROM runs ORDER BY id")
                .Select(r => new JournalRun(r.Id, JournalTime.Parse(r.StartedAt), JournalTime.ParseOrNull(r.EndedAt), r.InputSha256, r.Target, r.ExitCode))
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

    public JournalOrder? GetOrder(string orderKey)
    {
        lock (_lock)
        {
            return FindOrder(orderKey);
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
            var counts = Enum.GetValues<OrderState>().ToDictionary(s => s, _ => 0);
            foreach (var (state, count) in _connection.Query<(string, int)>("SELECT state, COUNT(*) FROM orders GROUP BY state"))
            {
                counts[Enum.Parse<OrderState>(state)] = count;
            }

            return counts;
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

    /// <summary>HTTP attempts, newest first.</summary>
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

    /// <summary>The order is about to be sent: Sending, with the time its request id was first used.</summary>
    public JournalOrder MarkSending(string orderKey)
    {
        using var timing = JournalMetrics.Time(nameof(MarkSending));
        lock (_lock)
        {
            var now = JournalTime.Format(_time.GetUtcNow());
            Update(orderKey, "state = 'Sending', request_first_used_at = COALESCE(request_first_used_at, @now), submitted_at = COALESCE(submitted_at, @now)", new { now });
            return FindOrder(orderKey)!;
        }
    }

    /// <summary>Logs one HTTP attempt and counts it.</summary>
    public void RecordAttempt(string orderKey, Guid requestId, int? httpStatus, string outcome, string? errorCode, string? message) =>
        RecordAttempt(orderKey, new AttemptNote(requestId, httpStatus, outcome, errorCode, message));

    /// <summary>Logs one HTTP attempt and counts it.</summary>
    public void RecordAttempt(string orderKey, AttemptNote attempt)
    {
        using var timing = JournalMetrics.Time(nameof(RecordAttempt));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            InsertAttempt(attempt, orderKey, transaction);
            transaction.Commit();
        }
    }

    /// <summary>
    /// Partner Center created the order: its id and, per line item number, the subscription it made. The answering
    /// attempt, when given, is logged in the same commit (one fsync fewer per order; a crash before it resends the
    /// order with the same request id, which the service answers from its idempotency store).
    /// </summary>
    public void MarkSucceeded(string orderKey, string partnerOrderId, int httpStatus, IReadOnlyDictionary<int, string> subscriptionIds, AttemptNote? attempt = null)
    {
        ArgumentNullException.ThrowIfNull(subscriptionIds);
        using var timing = JournalMetrics.Time(nameof(MarkSucceeded));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            var order = FindOrder(orderKey, transaction) ?? throw new InvalidOperationException($"No order {orderKey} in the journal.");
            var lines = order.LineItems.Select(l => l with { SubscriptionId = subscriptionIds.GetValueOrDefault(l.LineItemNumber) ?? l.SubscriptionId }).ToList();
            InsertAttempt(attempt, orderKey, transaction);
            Update(orderKey,
                "state = 'Succeeded', partner_order_id = @partnerOrderId, http_status = @httpStatus, error_code = NULL, error_message = NULL, line_items_json = @lines, completed_at = @now",
                new { partnerOrderId, httpStatus, lines = JsonSerializer.Serialize(lines, Json), now = JournalTime.Format(_time.GetUtcNow()) }, transaction);
            transaction.Commit();
        }
    }

    /// <summary>A definitive business failure: kept with Partner Center's code and description, not retried; the answering attempt logged in the same commit.</summary>
    public void MarkFailed(string orderKey, int? httpStatus, string? errorCode, string message, AttemptNote? attempt = null)
    {
        using var timing = JournalMetrics.Time(nameof(MarkFailed));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            InsertAttempt(attempt, orderKey, transaction);
            Update(orderKey, "state = 'Failed', http_status = @httpStatus, error_code = @errorCode, error_message = @message, completed_at = @now",
                new { httpStatus, errorCode, message, now = JournalTime.Format(_time.GetUtcNow()) }, transaction);
            transaction.Commit();
        }
    }

    /// <summary>No definitive answer this run (time-outs, faults, Ctrl+C mid-request): stays Sending, resent with the same request id.</summary>
    public void MarkUnresolved(string orderKey, int? httpStatus, string? errorCode, string message)
    {
        using var timing = JournalMetrics.Time(nameof(MarkUnresolved));
        lock (_lock)
        {
            Update(orderKey, "state = 'Sending', http_status = @httpStatus, error_code = @errorCode, error_message = @message",
                new { httpStatus, errorCode, message });
        }
    }

    /// <summary>
    /// The service refused the request before processing it (401, 403) or it was never sent (Ctrl+C first): back to
    /// the state it had before this run sent it — Pending, or Sending when an earlier attempt's outcome is still unknown.
    /// </summary>
    public void MarkNotSent(string orderKey, OrderState restoreTo, int? httpStatus, string? errorCode, string? message, AttemptNote? attempt = null)
    {
        if (restoreTo is not (OrderState.Pending or OrderState.Sending))
        {
            throw new ArgumentOutOfRangeException(nameof(restoreTo), restoreTo, "Only Pending or Sending can be restored.");
        }

        using var timing = JournalMetrics.Time(nameof(MarkNotSent));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            InsertAttempt(attempt, orderKey, transaction);
            Update(orderKey, "state = @state, http_status = @httpStatus, error_code = @errorCode, error_message = @message",
                new { state = restoreTo.ToString(), httpStatus, errorCode, message }, transaction);
            transaction.Commit();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    private void InsertAttempt(AttemptNote? attempt, string orderKey, SqliteTransaction transaction)
    {
        if (attempt is null)
        {
            return;
        }

        var at = JournalTime.Format(_time.GetUtcNow());
        _connection.Execute(
            "INSERT INTO attempts (order_key, request_id, at, http_status, outcome, error_code, message) VALUES (@orderKey, @requestId, @at, @HttpStatus, @Outcome, @ErrorCode, @Message)",
            new { orderKey, requestId = attempt.RequestId.ToString(), at, attempt.HttpStatus, attempt.Outcome, attempt.ErrorCode, attempt.Message }, transaction);
        _connection.Execute("UPDATE orders SET attempts = attempts + 1, updated_at = @at WHERE order_key = @orderKey", new { orderKey, at }, transaction);
    }

    private void Update(string orderKey, string assignments, object values, SqliteTransaction? transaction = null)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("orderKey", orderKey);
        parameters.Add("updatedAt", JournalTime.Format(_time.GetUtcNow()));
        var changed = _connection.Execute($"UPDATE orders SET {assignments}, updated_at = @updatedAt WHERE order_key = @orderKey", parameters, transaction);
        if (changed != 1)
        {
            throw new InvalidOperationException($"No order {orderKey} in the journal.");
        }
    }

    private JournalOrder? FindOrder(string orderKey, SqliteTransaction? transaction = null) =>
        _connection.QuerySingleOrDefault<OrderRecord>($"{OrderRecord.Select} WHERE order_key = @orderKey", new { orderKey }, transaction)?.ToOrder();

    private JournalBatch? ReadBatch() =>
        _connection.QuerySingleOrDefault<BatchRecord>(
                "SELECT batch_id AS BatchId, input_name AS InputName, input_path AS InputPath, input_sha256 AS InputSha256, sheet AS Sheet, headers_json AS HeadersJson, target AS Target, created_at AS CreatedAt, updated_at AS UpdatedAt FROM batch WHERE id = 1")
            ?.ToBatch();

    /// <summary>The target name of real Partner Center orders; anything else is a rehearsal.</summary>
    public const string LiveTarget = "live";

    /// <summary>The target name of the embedded sandbox.</summary>
    public const string SandboxTarget = "sandbox";

    private static bool IsLive(string target) => target == LiveTarget;

    private static string Describe(string target) => target switch
    {
        SandboxTarget => "sandbox (nothing real is ordered)",
        LiveTarget => "live Partner Center",
        _ => $"endpoint {target}",
    };
}
