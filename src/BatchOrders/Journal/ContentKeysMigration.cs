using System.Security.Cryptography;
using System.Text.Json;
using BatchOrders.Planning;
using BatchOrders.Reading;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>
/// Journal migration 3. Order keys become hashes of the line items' content in canonical order (order-key/v2), so a
/// journal written before keeps recognising its orders after the file is sorted; nothing is re-sent, and every
/// order keeps the line numbers and request id it was sent with, and the orders path it was sent by. Succeeded
/// orders record their purchase on each line; each order learns its family (the group all its parts share). Two old orders that differ only in their rows' order become one key: the one that got furthest (succeeded,
/// then in flight) keeps it, and the other, if it was never sent, is superseded by it under its old key. The
/// <c>inputs</c> table starts with the batch's file.
/// </summary>
internal static class ContentKeysMigration
{
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, string now)
    {
        connection.Execute(
            """
            ALTER TABLE orders ADD COLUMN family_key TEXT;
            ALTER TABLE orders ADD COLUMN path TEXT NOT NULL DEFAULT 'Order';
            ALTER TABLE orders ADD COLUMN cart_id TEXT;
            ALTER TABLE orders ADD COLUMN cart_expires_at TEXT;
            ALTER TABLE orders ADD COLUMN checkout_request_id TEXT;
            CREATE TABLE inputs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                path TEXT NOT NULL,
                name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                first_used_at TEXT NOT NULL,
                last_used_at TEXT NOT NULL,
                UNIQUE (path, sha256));
            INSERT INTO inputs (path, name, sha256, first_used_at, last_used_at)
                SELECT input_path, input_name, input_sha256, created_at, updated_at FROM batch;
            """,
            transaction: transaction);

        var orders = connection.Query<(string Key, string Group, string State, string? PartnerOrderId, string Lines, string Customer, string? Cycle, string? Target)>(
            "SELECT order_key, group_key, state, partner_order_id, line_items_json, customer_id, billing_cycle, target_order_id FROM orders", transaction: transaction).ToList();
        using var families = new FamilyFinder(connection, transaction);
        var rekeyed = new List<(string OldKey, string NewKey, string State)>();
        foreach (var order in orders)
        {
            var lines = JsonSerializer.Deserialize<JournalLineItem[]>(order.Lines, BatchJournal.Json)!;
            if (order.State == nameof(OrderState.Succeeded) && order.PartnerOrderId is { } partnerOrderId)
            {
                lines = [.. lines.Select(l => l.IsBought ? l : l with { PartnerOrderId = partnerOrderId })];
                connection.Execute("UPDATE orders SET line_items_json = @lines WHERE order_key = @key", new { lines = BatchJournal.ToJson(lines), key = order.Key }, transaction);
            }

            var contents = lines.Select(l => l.Content).Order().ToArray();
            connection.Execute("UPDATE orders SET family_key = @family WHERE order_key = @key",
                new { family = families.Of(order.Group, order.Customer, order.Cycle, order.Target), key = order.Key }, transaction);
            rekeyed.Add((order.Key, OrderKeys.Compute(order.Group, contents), order.State));
        }

        connection.Execute("CREATE TEMP TABLE rekey (old_key TEXT PRIMARY KEY, new_key TEXT NOT NULL)", transaction: transaction);
        foreach (var versions in rekeyed.GroupBy(o => o.NewKey, StringComparer.Ordinal))
        {
            var ranked = versions.OrderBy(o => o.State switch { nameof(OrderState.Succeeded) => 0, nameof(OrderState.Sending) => 1, _ => 2 }).ToList();
            var winner = ranked[0];
            if (winner.OldKey != winner.NewKey)
            {
                connection.Execute("INSERT INTO rekey (old_key, new_key) VALUES (@OldKey, @NewKey)", new { winner.OldKey, winner.NewKey }, transaction);
            }

            foreach (var loser in ranked.Skip(1).Where(l => l.State is nameof(OrderState.Pending) or nameof(OrderState.Failed) or nameof(OrderState.Conflict)))
            {
                // A migration rewrites history once, before any run: the same change the state machine's Supersede makes.
                connection.Execute("UPDATE orders SET state = 'Superseded', superseded_by = @winner, updated_at = @now WHERE order_key = @key",
                    new { winner = winner.NewKey, now, key = loser.OldKey }, transaction);
            }
        }

        // One statement per table through the mapping's index: a large journal is re-keyed in seconds, not quadratic time.
        connection.Execute(
            """
            UPDATE orders SET order_key = (SELECT new_key FROM rekey WHERE old_key = order_key) WHERE order_key IN (SELECT old_key FROM rekey);
            UPDATE orders SET superseded_by = (SELECT new_key FROM rekey WHERE old_key = superseded_by) WHERE superseded_by IN (SELECT old_key FROM rekey);
            UPDATE rows SET order_key = (SELECT new_key FROM rekey WHERE old_key = order_key) WHERE order_key IN (SELECT old_key FROM rekey);
            UPDATE attempts SET order_key = (SELECT new_key FROM rekey WHERE old_key = order_key) WHERE order_key IN (SELECT old_key FROM rekey);
            DROP TABLE rekey;
            CREATE INDEX orders_by_family ON orders (family_key);
            """,
            transaction: transaction);
    }

    /// <summary>
    /// Finds an old order's family: the group key hashes customer, billing cycle, target order, OrderGroup and part,
    /// and only the OrderGroup is not stored, so the candidates are no group and every OrderGroup value in the
    /// stored rows; the one whose group key matches names the family. Unmatched, the slot stands for its family.
    /// </summary>
    private sealed class FamilyFinder : IDisposable
    {
        private const int PartsTried = 64;
        private readonly List<string?> _orderGroups = [null];
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public FamilyFinder(SqliteConnection connection, SqliteTransaction transaction)
        {
            var headers = JsonSerializer.Deserialize<string[]>(
                connection.ExecuteScalar<string?>("SELECT headers_json FROM batch WHERE id = 1", transaction: transaction) ?? "[]", BatchJournal.Json)!;
            var column = Array.FindIndex(headers, h => InputColumns.FindByHeader(h)?.Column == InputColumn.OrderGroup);
            if (column < 0)
            {
                return;
            }

            foreach (var cells in connection.Query<string>("SELECT cells_json FROM rows", transaction: transaction))
            {
                var value = JsonSerializer.Deserialize<string[]>(cells, BatchJournal.Json)!.ElementAtOrDefault(column)?.Trim();
                if (!string.IsNullOrEmpty(value) && !_orderGroups.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    _orderGroups.Add(value);
                }
            }
        }

        public string Of(string groupKey, string customerId, string? billingCycle, string? targetOrderId)
        {
            BillingCycle? cycle = billingCycle is not null && BillingCycles.TryParse(billingCycle, out var parsed) ? parsed : null;
            foreach (var orderGroup in _orderGroups)
            {
                for (var part = 0; part < PartsTried; part++)
                {
                    if (OrderKeys.Group(_hash, customerId, cycle, targetOrderId, orderGroup, part) == groupKey)
                    {
                        return OrderKeys.Family(_hash, customerId, cycle, targetOrderId, orderGroup);
                    }
                }
            }

            return groupKey;
        }

        public void Dispose() => _hash.Dispose();
    }
}
