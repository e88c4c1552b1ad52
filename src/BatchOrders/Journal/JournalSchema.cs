using BatchOrders.Problems;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>
/// The journal's tables and their forward migrations. A migration is appended, never edited: a journal written by
/// an older version is brought up to date when it is opened; one written by a newer version is refused.
/// </summary>
internal static class JournalSchema
{
    private static readonly Action<SqliteConnection, SqliteTransaction, string>[] Migrations =
    [
        // 1: batch, rows, orders, attempts, runs.
        Sql("""
        CREATE TABLE batch (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            input_name TEXT NOT NULL,
            input_path TEXT NOT NULL,
            input_sha256 TEXT NOT NULL,
            sheet TEXT,
            headers_json TEXT NOT NULL,
            target TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);

        CREATE TABLE rows (
            sheet TEXT NOT NULL,
            row_number INTEGER NOT NULL,
            cells_json TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            order_key TEXT,
            line_item_number INTEGER,
            PRIMARY KEY (sheet, row_number));

        CREATE TABLE orders (
            order_key TEXT PRIMARY KEY,
            group_key TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            customer_id TEXT NOT NULL,
            billing_cycle TEXT,
            target_order_id TEXT,
            line_items_json TEXT NOT NULL,
            state TEXT NOT NULL,
            request_id TEXT NOT NULL,
            correlation_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            request_first_used_at TEXT,
            partner_order_id TEXT,
            http_status INTEGER,
            error_code TEXT,
            error_message TEXT,
            superseded_by TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submitted_at TEXT,
            completed_at TEXT);
        CREATE INDEX orders_by_group ON orders (group_key);
        CREATE INDEX orders_by_state ON orders (state, sequence);

        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_key TEXT NOT NULL,
            request_id TEXT NOT NULL,
            at TEXT NOT NULL,
            http_status INTEGER,
            outcome TEXT NOT NULL,
            error_code TEXT,
            message TEXT);
        CREATE INDEX attempts_by_order ON attempts (order_key);

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            input_sha256 TEXT NOT NULL,
            target TEXT NOT NULL,
            exit_code INTEGER);
        """),

        // 2: a stable id for the batch, for summaries and support cases (journals written before get one now).
        Sql("""
        ALTER TABLE batch ADD COLUMN batch_id TEXT;
        UPDATE batch SET batch_id = lower(hex(randomblob(16))) WHERE batch_id IS NULL;
        """),

        // 3: order keys from the line items' content in canonical order, purchases kept per line, the files that fed the batch.
        ContentKeysMigration.Apply,

        // 4: the version of BatchOrders that made each run (runs recorded before have none).
        Sql("ALTER TABLE runs ADD COLUMN tool_version TEXT;"),

        // 5: what the repeat check read of each customer's orders, and when, so a rerun soon after reuses it.
        Sql("""
        CREATE TABLE customer_reads (
            customer_id TEXT PRIMARY KEY COLLATE NOCASE,
            read_at TEXT NOT NULL,
            orders_json TEXT NOT NULL);
        """),

        // 6: every read kept for a rerun (the repeat check's and the preflight's) in one table, keyed by the request it
        // answers: a customer's orders are "v1/customers/{id}/orders", so the repeat check's reads are kept over.
        Sql("""
        CREATE TABLE partner_reads (
            read_key TEXT PRIMARY KEY COLLATE NOCASE,
            read_at TEXT NOT NULL,
            body TEXT NOT NULL);
        INSERT INTO partner_reads (read_key, read_at, body)
            SELECT 'v1/customers/' || customer_id || '/orders', read_at, orders_json FROM customer_reads;
        DROP TABLE customer_reads;
        """),
    ];

    /// <summary>The version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the journal up to <see cref="CurrentVersion"/>; a problem when it is newer than this build.</summary>
    public static BatchProblem? Migrate(SqliteConnection connection, string path, TimeProvider time)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
        var version = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version") ?? 0;
        if (version > CurrentVersion)
        {
            return new JournalFromNewerVersion(path, (int)version, CurrentVersion);
        }

        for (var next = (int)version + 1; next <= CurrentVersion; next++)
        {
            using var transaction = connection.BeginTransaction();
            var now = JournalTime.Format(time.GetUtcNow());
            Migrations[next - 1](connection, transaction, now);
            connection.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@next, @at)",
                new { next, at = now }, transaction);
            transaction.Commit();
        }

        return null;
    }

    private static Action<SqliteConnection, SqliteTransaction, string> Sql(string sql) =>
        (connection, transaction, _) => connection.Execute(sql, transaction: transaction);
}
