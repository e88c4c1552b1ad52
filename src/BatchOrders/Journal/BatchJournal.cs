using System.Text.Json;
using BatchOrders.Problems;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>
/// The write-ahead journal of one batch: a SQLite file (WAL) holding the batch, its rows and every order with its
/// request id and state. Every change is one committed transaction before the caller acts on it, so a crash at
/// any moment leaves a journal that a rerun resumes from. Safe to use from several workers at once.
/// </summary>
/// <remarks>
/// The partial files are cut by axis: this one opens, binds and records runs; <c>.Reads</c> answers questions;
/// <c>.Changes</c> applies state transitions (the only writer of an order's state); <c>.Sync</c> brings the journal
/// in line with a plan; <c>.Records</c> maps rows for Dapper.
/// </remarks>
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

    /// <summary>Opens (creating if needed) and migrates a journal, or says why it cannot be used.</summary>
    public static ProblemOr<BatchJournal> Open(string path, TimeProvider? time = null, Func<Guid>? newId = null)
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
            if (JournalSchema.Migrate(connection, path, time) is { } problem)
            {
                connection.Dispose();
                return problem;
            }

            return new BatchJournal(path, connection, time, newId ?? Guid.NewGuid);
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            return new JournalUnusable(path, $"{ex.SqliteErrorCode}: {ex.Message.TrimEnd('.')}; it may not be a BatchOrders journal");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            connection?.Dispose();
            return new JournalUnusable(path, ex.Message.TrimEnd('.'));
        }
    }

    /// <summary>
    /// Binds the journal to its input file and target, or says why it cannot be. A journal follows its batch, not a
    /// path: the same file moved, renamed or saved in another format is accepted as long as it plans at least one
    /// of the batch's orders (<paramref name="plannedOrderKeys"/>); a file with nothing in common is refused. And a
    /// journal belongs to one kind of target for its whole life, so a sandbox rehearsal can never be mistaken for
    /// real orders; rehearsals may move between addresses (a standalone sandbox's port changes).
    /// </summary>
    public BatchProblem? Bind(string inputPath, string inputSha256, string? sheet, IReadOnlyList<string> headers, Target target, IReadOnlyCollection<string>? plannedOrderKeys = null)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(target);
        var name = System.IO.Path.GetFileName(inputPath);
        var path = System.IO.Path.GetFullPath(inputPath);
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            var batch = ReadBatch(transaction);
            var now = JournalTime.Format(_time.GetUtcNow());
            if (batch is null)
            {
                _connection.Execute(
                    "INSERT INTO batch (id, batch_id, input_name, input_path, input_sha256, sheet, headers_json, target, created_at, updated_at) " +
                    "VALUES (1, @batchId, @name, @path, @sha, @sheet, @headers, @target, @now, @now)",
                    new { batchId = _newId().ToString("N"), name, path, sha = inputSha256, sheet, headers = ToJson(headers), target = target.Name, now }, transaction);
            }
            else
            {
                var sameFile = string.Equals(batch.InputName, name, StringComparison.OrdinalIgnoreCase);
                if (!sameFile && !SharesAnOrder(plannedOrderKeys ?? [], transaction))
                {
                    return new JournalOfAnotherInput(Path, batch.InputName, name);
                }

                if (batch.Target.IsLive != target.IsLive)
                {
                    return new JournalOfAnotherTarget(Path, batch.Target, target);
                }

                _connection.Execute("UPDATE batch SET target = @target, input_name = @name, input_path = @path WHERE id = 1",
                    new { target = target.Name, name, path }, transaction);
            }

            _connection.Execute(
                "INSERT INTO inputs (path, name, sha256, first_used_at, last_used_at) VALUES (@path, @name, @sha, @now, @now) " +
                "ON CONFLICT (path, sha256) DO UPDATE SET last_used_at = @now",
                new { path, name, sha = inputSha256, now }, transaction);
            transaction.Commit();
            return null;
        }
    }

    /// <summary>Records the start of a run, by this build of BatchOrders; returns its id for <see cref="EndRun"/>.</summary>
    public long StartRun(string inputSha256, Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock)
        {
            return _connection.ExecuteScalar<long>(
                "INSERT INTO runs (started_at, input_sha256, target, tool_version) VALUES (@at, @sha, @target, @version); SELECT last_insert_rowid();",
                new { at = JournalTime.Format(_time.GetUtcNow()), sha = inputSha256, target = target.Name, version = BatchOrdersVersion.Current });
        }
    }

    /// <summary>Records how run <paramref name="runId"/> ended: the exit code its process ends with.</summary>
    public void EndRun(long runId, int exitCode)
    {
        lock (_lock)
        {
            _connection.Execute("UPDATE runs SET ended_at = @at, exit_code = @exitCode WHERE id = @runId",
                new { at = JournalTime.Format(_time.GetUtcNow()), exitCode, runId });
        }
    }

    /// <summary>Closes the journal file.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    internal static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Whether any of the keys is an order of this journal (asked in chunks: SQLite takes a limited number of parameters).</summary>
    private bool SharesAnOrder(IReadOnlyCollection<string> orderKeys, SqliteTransaction transaction) =>
        orderKeys.Chunk(500).Any(chunk => _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM orders WHERE order_key IN @chunk", new { chunk }, transaction) > 0);
}
