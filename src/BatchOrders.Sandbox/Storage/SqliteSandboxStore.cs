using System.Globalization;
using BatchOrders.Sandbox.Idempotency;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Sandbox.Storage;

/// <summary>
/// The ledger, carts and idempotency store in a SQLite file (WAL), so they survive a restart of the sandbox: a client
/// crash test can use a sandbox that outlives the client, and a sandbox restart forgets neither carts nor request ids.
/// Partners are stored as a hash of their token, never the token itself. Carts live in <c>SqliteSandboxStore.Carts.cs</c>.
/// </summary>
internal sealed partial class SqliteSandboxStore : ISandboxStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA foreign_keys = ON;
        CREATE TABLE IF NOT EXISTS ledger (
            seq            INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id       TEXT NOT NULL,
            customer_id    TEXT NOT NULL,
            request_id     TEXT,
            correlation_id TEXT,
            billing_cycle  TEXT NOT NULL,
            created_at     TEXT NOT NULL,
            kind           TEXT NOT NULL,
            cart_id        TEXT);
        CREATE INDEX IF NOT EXISTS ix_ledger_order ON ledger (order_id);
        CREATE INDEX IF NOT EXISTS ix_ledger_customer ON ledger (customer_id);
        CREATE TABLE IF NOT EXISTS line_items (
            subscription_id        TEXT PRIMARY KEY,
            ledger_seq             INTEGER NOT NULL REFERENCES ledger (seq),
            line_item_number       INTEGER NOT NULL,
            offer_id               TEXT NOT NULL,
            quantity               INTEGER NOT NULL,
            friendly_name          TEXT,
            parent_subscription_id TEXT,
            term_duration          TEXT,
            promotion_id           TEXT,
            partner_id_on_record   TEXT);
        CREATE INDEX IF NOT EXISTS ix_line_items_ledger ON line_items (ledger_seq);
        CREATE TABLE IF NOT EXISTS answers (
            partner_key   TEXT NOT NULL,
            request_id    TEXT NOT NULL,
            fingerprint   TEXT NOT NULL,
            status_code   INTEGER NOT NULL,
            body          BLOB NOT NULL,
            created_ticks INTEGER NOT NULL,
            PRIMARY KEY (partner_key, request_id));
        CREATE INDEX IF NOT EXISTS ix_answers_created ON answers (created_ticks);
        CREATE TABLE IF NOT EXISTS carts (
            cart_id          TEXT PRIMARY KEY,
            customer_id      TEXT NOT NULL,
            request_id       TEXT,
            correlation_id   TEXT,
            created_at       TEXT NOT NULL,
            expires_at       TEXT NOT NULL,
            last_modified_at TEXT NOT NULL,
            status           TEXT NOT NULL,
            line_items       TEXT NOT NULL,
            checkout_result  BLOB);
        CREATE TABLE IF NOT EXISTS rotations (
            id     INTEGER PRIMARY KEY CHECK (id = 1),
            count  INTEGER NOT NULL);
        """;

    private const string LedgerColumns = """
        seq AS Seq, order_id AS OrderId, customer_id AS CustomerId, request_id AS RequestId,
        correlation_id AS CorrelationId, billing_cycle AS BillingCycle, created_at AS CreatedAt, kind AS Kind, cart_id AS CartId
        """;

    private const string LineItemColumns = """
        ledger_seq AS LedgerSeq, line_item_number AS LineItemNumber, offer_id AS OfferId, quantity AS Quantity,
        friendly_name AS FriendlyName, parent_subscription_id AS ParentSubscriptionId, subscription_id AS SubscriptionId,
        term_duration AS TermDuration, promotion_id AS PromotionId, partner_id_on_record AS PartnerIdOnRecord
        """;

    private readonly SqliteConnection _connection;

    public SqliteSandboxStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _connection.Execute(Schema);

        // State files written before carts existed have no ledger.cart_id: their orders all came from POST and PATCH.
        if (!_connection.Query<string>("SELECT name FROM pragma_table_info('ledger')").Contains("cart_id", StringComparer.Ordinal))
        {
            _connection.Execute("ALTER TABLE ledger ADD COLUMN cart_id TEXT");
        }
    }

    public StoredAnswer? FindAnswer(string partnerKey, Guid requestId, DateTimeOffset notBefore)
    {
        var row = _connection.QuerySingleOrDefault<AnswerRow>(
            """
            SELECT partner_key AS PartnerKey, request_id AS RequestId, fingerprint AS Fingerprint,
                   status_code AS StatusCode, body AS Body, created_ticks AS CreatedTicks
            FROM answers WHERE partner_key = @PartnerKey AND request_id = @RequestId AND created_ticks >= @NotBefore
            """,
            new { PartnerKey = partnerKey, RequestId = Text(requestId), NotBefore = notBefore.UtcTicks });
        return row is null
            ? null
            : new StoredAnswer(row.PartnerKey, Guid.Parse(row.RequestId), row.Fingerprint, (int)row.StatusCode, row.Body,
                new DateTimeOffset(row.CreatedTicks, TimeSpan.Zero));
    }

    public void SaveAnswer(StoredAnswer answer) => SaveAnswer(answer, null);

    public void AppendOrder(LedgerOrder entry, StoredAnswer? answer)
    {
        using var transaction = _connection.BeginTransaction();
        InsertLedgerEntry(entry, transaction);
        if (answer is not null)
        {
            SaveAnswer(answer, transaction);
        }

        transaction.Commit();
    }

    public IReadOnlyList<LedgerOrder> ReadLedger(Guid? customerId) => customerId is { } id
        ? Read("WHERE customer_id = @CustomerId", new { CustomerId = Text(id) })
        : Read(string.Empty, null);

    public IReadOnlyList<LedgerOrder> ReadOrder(Guid customerId, string orderId) =>
        Read("WHERE order_id = @OrderId AND customer_id = @CustomerId", new { OrderId = orderId, CustomerId = Text(customerId) });

    public SubscriptionRecord? FindSubscription(Guid subscriptionId)
    {
        var row = _connection.QuerySingleOrDefault<SubscriptionRow>(
            """
            SELECT l.customer_id AS CustomerId, l.order_id AS OrderId, s.offer_id AS OfferId
            FROM line_items s JOIN ledger l ON l.seq = s.ledger_seq
            WHERE s.subscription_id = @SubscriptionId
            """,
            new { SubscriptionId = Text(subscriptionId) });
        return row is null ? null : new SubscriptionRecord(subscriptionId, Guid.Parse(row.CustomerId), row.OrderId, row.OfferId);
    }

    public bool OrderExists(string orderId) =>
        _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM ledger WHERE order_id = @OrderId", new { OrderId = orderId }) > 0;

    public int CountLedgerEntries() => (int)_connection.ExecuteScalar<long>("SELECT COUNT(*) FROM ledger");

    public int ReadRotations() => (int)_connection.ExecuteScalar<long>("SELECT COALESCE((SELECT count FROM rotations WHERE id = 1), 0)");

    public void SaveRotations(int count) =>
        _connection.Execute("INSERT INTO rotations (id, count) VALUES (1, @count) ON CONFLICT (id) DO UPDATE SET count = excluded.count", new { count });

    public void PurgeAnswers(DateTimeOffset before) =>
        _connection.Execute("DELETE FROM answers WHERE created_ticks < @Before", new { Before = before.UtcTicks });

    public void Dispose() => _connection.Dispose();

    private static string Text(Guid id) => id.ToString("D");

    private static string? Text(Guid? id) => id?.ToString("D");

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static Guid? ParseGuid(string? text) => text is null ? null : Guid.Parse(text);

    private void InsertLedgerEntry(LedgerOrder entry, SqliteTransaction transaction)
    {
        var seq = _connection.ExecuteScalar<long>(
            """
            INSERT INTO ledger (order_id, customer_id, request_id, correlation_id, billing_cycle, created_at, kind, cart_id)
            VALUES (@OrderId, @CustomerId, @RequestId, @CorrelationId, @BillingCycle, @CreatedAt, @Kind, @CartId);
            SELECT last_insert_rowid();
            """,
            new
            {
                entry.OrderId,
                CustomerId = Text(entry.CustomerId),
                RequestId = Text(entry.RequestId),
                CorrelationId = Text(entry.CorrelationId),
                entry.BillingCycle,
                CreatedAt = Text(entry.CreatedAt),
                entry.Kind,
                entry.CartId,
            },
            transaction);
        foreach (var item in entry.LineItems)
        {
            _connection.Execute(
                """
                INSERT INTO line_items (subscription_id, ledger_seq, line_item_number, offer_id, quantity, friendly_name,
                                        parent_subscription_id, term_duration, promotion_id, partner_id_on_record)
                VALUES (@SubscriptionId, @Seq, @LineItemNumber, @OfferId, @Quantity, @FriendlyName,
                        @ParentSubscriptionId, @TermDuration, @PromotionId, @PartnerIdOnRecord)
                """,
                new
                {
                    SubscriptionId = Text(item.SubscriptionId),
                    Seq = seq,
                    item.LineItemNumber,
                    item.OfferId,
                    item.Quantity,
                    item.FriendlyName,
                    ParentSubscriptionId = Text(item.ParentSubscriptionId),
                    item.TermDuration,
                    item.PromotionId,
                    item.PartnerIdOnRecord,
                },
                transaction);
        }
    }

    private void SaveAnswer(StoredAnswer answer, SqliteTransaction? transaction) => _connection.Execute(
        """
        INSERT OR REPLACE INTO answers (partner_key, request_id, fingerprint, status_code, body, created_ticks)
        VALUES (@PartnerKey, @RequestId, @Fingerprint, @StatusCode, @Body, @CreatedTicks)
        """,
        new
        {
            answer.PartnerKey,
            RequestId = Text(answer.RequestId),
            answer.Fingerprint,
            answer.StatusCode,
            answer.Body,
            CreatedTicks = answer.CreatedAt.UtcTicks,
        },
        transaction);

    private List<LedgerOrder> Read(string where, object? parameters)
    {
        var entries = _connection.Query<LedgerRow>($"SELECT {LedgerColumns} FROM ledger {where} ORDER BY seq", parameters).ToList();
        if (entries.Count == 0)
        {
            return [];
        }

        var items = _connection.Query<LineItemRow>(
                $"SELECT {LineItemColumns} FROM line_items WHERE ledger_seq IN (SELECT seq FROM ledger {where}) ORDER BY ledger_seq, line_item_number",
                parameters)
            .ToLookup(i => i.LedgerSeq);
        return entries.ConvertAll(e => new LedgerOrder(
            e.OrderId,
            Guid.Parse(e.CustomerId),
            ParseGuid(e.RequestId),
            ParseGuid(e.CorrelationId),
            e.BillingCycle,
            [.. items[e.Seq].Select(i => new LedgerLineItem(
                (int)i.LineItemNumber, i.OfferId, (int)i.Quantity, i.FriendlyName, ParseGuid(i.ParentSubscriptionId),
                Guid.Parse(i.SubscriptionId), i.TermDuration, i.PromotionId, i.PartnerIdOnRecord))],
            ParseTimestamp(e.CreatedAt),
            e.Kind,
            e.CartId));
    }

    private sealed class LedgerRow
    {
        public long Seq { get; set; }

        public string OrderId { get; set; } = "";

        public string CustomerId { get; set; } = "";

        public string? RequestId { get; set; }

        public string? CorrelationId { get; set; }

        public string BillingCycle { get; set; } = "";

        public string CreatedAt { get; set; } = "";

        public string Kind { get; set; } = "";

        public string? CartId { get; set; }
    }

    private sealed class LineItemRow
    {
        public long LedgerSeq { get; set; }

        public long LineItemNumber { get; set; }

        public string OfferId { get; set; } = "";

        public long Quantity { get; set; }

        public string? FriendlyName { get; set; }

        public string? ParentSubscriptionId { get; set; }

        public string SubscriptionId { get; set; } = "";

        public string? TermDuration { get; set; }

        public string? PromotionId { get; set; }

        public string? PartnerIdOnRecord { get; set; }
    }

    private sealed class SubscriptionRow
    {
        public string CustomerId { get; set; } = "";

        public string OrderId { get; set; } = "";

        public string OfferId { get; set; } = "";
    }

    private sealed class AnswerRow
    {
        public string PartnerKey { get; set; } = "";

        public string RequestId { get; set; } = "";

        public string Fingerprint { get; set; } = "";

        public long StatusCode { get; set; }

        public byte[] Body { get; set; } = [];

        public long CreatedTicks { get; set; }
    }
}
