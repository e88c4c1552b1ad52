using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchOrders.Planning;
using BatchOrders.Reading;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>The input's rows as the journal keeps them, for the results: each row with the order line it became.</summary>
public sealed partial class BatchJournal
{
    /// <summary>
    /// Replaces the stored rows when the input changed (or none are stored yet). Each row points to its order and to
    /// the journal's line of that order with the same content: an order keeps the line numbers it was first sent
    /// with, so after a sort the rows' new places are mapped onto the numbers Partner Center knows, and each line
    /// notes the row it stands on now.
    /// </summary>
    private void ReplaceRowsIfChanged(ReadResult read, OrderPlan plan, string inputSha256, string now, SqliteTransaction transaction)
    {
        var batch = _connection.QuerySingle<(string Sha, long Rows)>(
            "SELECT input_sha256, (SELECT COUNT(*) FROM rows) FROM batch WHERE id = 1", transaction: transaction);
        if (batch.Sha == inputSha256 && batch.Rows > 0)
        {
            return;
        }

        var orders = _connection.Query<OrderRecord>(OrderRecord.Select, transaction: transaction).ToDictionary(r => r.OrderKey, r => r.ToOrder(), StringComparer.Ordinal);
        var placement = new Dictionary<(string?, int), (string Key, int Line)>();
        foreach (var planned in plan.Orders)
        {
            var journaled = orders[planned.OrderKey];
            var lines = journaled.LineItems.ToArray();
            var taken = new bool[lines.Length];
            var moved = false;
            foreach (var item in planned.LineItems)
            {
                var content = LineContent.Of(item.Row);
                var index = FreeLine(lines, taken, content);
                taken[index] = true;
                placement[(item.Row.Location.Sheet, item.Row.Location.Row)] = (planned.OrderKey, lines[index].LineItemNumber);
                if (lines[index].Sheet != item.Row.Location.Sheet || lines[index].Row != item.Row.Location.Row)
                {
                    lines[index] = lines[index] with { Sheet = item.Row.Location.Sheet, Row = item.Row.Location.Row };
                    moved = true;
                }
            }

            if (moved)
            {
                UpdateLines(planned.OrderKey, lines, transaction);
            }
        }

        _connection.Execute("DELETE FROM rows", transaction: transaction);
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO rows (sheet, row_number, cells_json, content_hash, order_key, line_item_number) VALUES ($sheet, $row, $cells, $hash, $key, $line)";
        var sheet = insert.Parameters.Add("$sheet", SqliteType.Text);
        var row = insert.Parameters.Add("$row", SqliteType.Integer);
        var cells = insert.Parameters.Add("$cells", SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var line = insert.Parameters.Add("$line", SqliteType.Integer);
        insert.Prepare();
        foreach (var input in read.Rows)
        {
            var found = placement.TryGetValue((input.Location.Sheet, input.Location.Row), out var place);
            sheet.Value = input.Location.Sheet ?? string.Empty;
            row.Value = input.Location.Row;
            cells.Value = JsonSerializer.Serialize(input.Cells, Json);
            hash.Value = ContentHash(input.Cells);
            key.Value = found ? place.Key : DBNull.Value;
            line.Value = found ? place.Line : DBNull.Value;
            insert.ExecuteNonQuery();
        }

        _connection.Execute(
            "UPDATE batch SET input_sha256 = @inputSha256, headers_json = @headers, sheet = @sheet, input_path = @path, updated_at = @now WHERE id = 1",
            new { inputSha256, headers = ToJson(read.Headers), sheet = read.Sheet, path = System.IO.Path.GetFullPath(read.File), now }, transaction);
    }

    /// <summary>The first line not yet taken with this content (an order's key is its content, so there is one).</summary>
    private static int FreeLine(JournalLineItem[] lines, bool[] taken, LineContent content)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!taken[i] && lines[i].Content == content)
            {
                return i;
            }
        }

        return Array.IndexOf(taken, false);
    }

    private static string ContentHash(IReadOnlyList<string> cells)
    {
        var text = string.Join('\u001f', cells);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
