using System.Text.Json;
using BatchOrders.Planning;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>
/// Journal migration 3. Order keys become hashes of the line items' content in canonical order (order-key/v2), so a
/// journal written before keeps recognising its orders after the file is sorted; nothing is re-sent, and every
/// order keeps the line numbers and request id it was sent with. Succeeded orders record their purchase on each
/// line. Two old orders that differ only in their rows' order become one key: the one that got furthest (succeeded,
/// then in flight) keeps it, and the other, if it was never sent, is superseded by it under its old key. The
/// <c>inputs</c> table starts with the batch's file.
/// </summary>
internal static class ContentKeysMigration
{
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, string now)
    {
        connection.Execute(
            """
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

        var orders = connection.Query<(string Key, string Group, string State, string? PartnerOrderId, string Lines)>(
            "SELECT order_key, group_key, state, partner_order_id, line_items_json FROM orders", transaction: transaction).ToList();
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
            """,
            transaction: transaction);
    }
}
