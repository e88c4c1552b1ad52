using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchOrders.Planning;
using BatchOrders.Reading;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>Brings the journal in line with the current plan: the resume rules of docs/ARCHITECTURE.md, "Resume".</summary>
public sealed partial class BatchJournal
{
    /// <summary>
    /// Records the input's rows and every planned order, in one transaction, before anything is sent:
    /// <list type="bullet">
    /// <item>an order already in the journal keeps its state and request id (succeeded ones are skipped);</item>
    /// <item>a new order gets a fresh request id and correlation id, unless an order for the same slot already
    /// succeeded — then its rows changed after success, and it is a <see cref="OrderState.Conflict"/>, never sent;</item>
    /// <item>failed orders stay failed unless <paramref name="retryFailed"/> (a new request id: the old one got its answer);</item>
    /// <item>pending, failed and conflicting orders no longer in the plan (rows fixed or removed) are superseded.</item>
    /// </list>
    /// Idempotent: synchronising the same plan twice changes nothing the second time.
    /// </summary>
    public SyncReport Synchronize(ReadResult read, OrderPlan plan, string inputSha256, bool retryFailed)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(plan);
        using var timing = JournalMetrics.Time(nameof(Synchronize));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            var now = JournalTime.Format(_time.GetUtcNow());
            ReplaceRowsIfChanged(read, plan, inputSha256, now, transaction);

            var known = _connection.Query<(string Key, string Group, string State, string? PartnerOrderId)>(
                    "SELECT order_key, group_key, state, partner_order_id FROM orders", transaction: transaction)
                .ToDictionary(o => o.Key, o => (o.Group, State: Enum.Parse<OrderState>(o.State), o.PartnerOrderId));
            var byGroup = known.ToLookup(o => o.Value.Group, o => (o.Key, o.Value.State, o.Value.PartnerOrderId));
            var planned = new HashSet<string>(StringComparer.Ordinal);
            int created = 0, succeeded = 0, failedKept = 0, failedRetried = 0, inFlight = 0, held = 0;
            var conflicts = new List<OrderConflict>();

            for (var sequence = 0; sequence < plan.Orders.Count; sequence++)
            {
                var order = plan.Orders[sequence];
                planned.Add(order.OrderKey);
                var siblings = byGroup[order.GroupKey].Where(s => s.Key != order.OrderKey).ToList();
                var succeededSibling = siblings.FirstOrDefault(s => s.State == OrderState.Succeeded);
                var siblingInFlight = siblings.Any(s => s.State == OrderState.Sending);
                var conflict = succeededSibling.Key is null ? null : ConflictFor(order, succeededSibling.PartnerOrderId);

                if (!known.TryGetValue(order.OrderKey, out var existing))
                {
                    Insert(order, sequence, conflict is null ? OrderState.Pending : OrderState.Conflict, conflict?.Message, now, transaction);
                    created++;
                    if (conflict is not null)
                    {
                        conflicts.Add(conflict);
                    }
                    else if (siblingInFlight)
                    {
                        held++;
                    }

                    continue;
                }

                _connection.Execute("UPDATE orders SET sequence = @sequence WHERE order_key = @key AND sequence <> @sequence",
                    new { sequence, key = order.OrderKey }, transaction);
                switch (existing.State)
                {
                    case OrderState.Succeeded:
                        succeeded++;
                        break;
                    case OrderState.Sending:
                        inFlight++;
                        break;
                    case var _ when conflict is not null:
                        ApplyInTransaction(order.OrderKey, new OrderChange.MarkConflict(conflict.Message), now, transaction);
                        conflicts.Add(conflict);
                        break;
                    case OrderState.Failed when !retryFailed:
                        failedKept++;
                        break;
                    case OrderState.Pending:
                        held += siblingInFlight ? 1 : 0;
                        break;
                    default:
                        // Failed with --retry-failed, or a conflicting or superseded version whose rows came back:
                        // a new request id, since the old one already got a definitive answer.
                        failedRetried += existing.State == OrderState.Failed ? 1 : 0;
                        held += siblingInFlight ? 1 : 0;
                        ApplyInTransaction(order.OrderKey, new OrderChange.Reopen(_newId()), now, transaction);
                        break;
                }
            }

            var superseded = 0;
            // The planned order that now fills each slot: looked up once, not by scanning the plan per superseded order.
            var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var order in plan.Orders)
            {
                replacements.TryAdd(order.GroupKey, order.OrderKey);
            }

            foreach (var (key, (group, state, _)) in known)
            {
                if (!planned.Contains(key) && state is OrderState.Pending or OrderState.Failed or OrderState.Conflict)
                {
                    ApplyInTransaction(key, new OrderChange.Supersede(replacements.GetValueOrDefault(group)), now, transaction);
                    superseded++;
                }
            }

            transaction.Commit();
            return new SyncReport(created, succeeded, failedKept, failedRetried, inFlight, held, superseded, conflicts);
        }
    }

    private void ReplaceRowsIfChanged(ReadResult read, OrderPlan plan, string inputSha256, string now, SqliteTransaction transaction)
    {
        var batch = _connection.QuerySingle<(string Sha, long Rows)>(
            "SELECT input_sha256, (SELECT COUNT(*) FROM rows) FROM batch WHERE id = 1", transaction: transaction);
        if (batch.Sha == inputSha256 && batch.Rows > 0)
        {
            return;
        }

        var placement = new Dictionary<(string?, int), (string Key, int Line)>();
        foreach (var order in plan.Orders)
        {
            foreach (var item in order.LineItems)
            {
                placement[(item.Row.Location.Sheet, item.Row.Location.Row)] = (order.OrderKey, item.LineItemNumber);
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

    private void Insert(PlannedOrder order, int sequence, OrderState state, string? message, string now, SqliteTransaction transaction)
    {
        var lines = order.LineItems.Select(i => new JournalLineItem(
            i.LineItemNumber, i.Row.OfferId, i.Row.Quantity, i.Row.FriendlyName, i.Row.ParentSubscriptionId, i.Row.TermDuration,
            i.Row.PromotionId, i.Row.PartnerIdOnRecord, i.Row.Location.Sheet, i.Row.Location.Row)).ToList();
        _connection.Execute(
            """
            INSERT INTO orders (order_key, group_key, sequence, customer_id, billing_cycle, target_order_id, line_items_json, state,
                                request_id, correlation_id, error_message, created_at, updated_at)
            VALUES (@OrderKey, @GroupKey, @sequence, @CustomerId, @billingCycle, @OrderId, @lines, @state,
                    @requestId, @correlationId, @message, @now, @now)
            """,
            new
            {
                order.OrderKey, order.GroupKey, sequence, order.CustomerId, billingCycle = order.BillingCycle?.ToWireValue(), order.OrderId,
                lines = ToJson(lines), state = state.ToString(),
                requestId = _newId().ToString(), correlationId = _newId().ToString(), message, now,
            },
            transaction);
    }

    private static OrderConflict ConflictFor(PlannedOrder order, string? partnerOrderId)
    {
        var rows = order.LineItems.Select(i => i.Row.Location.Row).ToList();
        var message =
            $"These rows changed after the order for this customer succeeded (Partner Center order {partnerOrderId ?? "unknown"}), so they were not sent again. " +
            "To order more, put the new line items on new rows with a different OrderGroup; to keep things as ordered, restore the rows.";
        return new OrderConflict(order.OrderKey, order.CustomerId, rows, message);
    }

    private static string ContentHash(IReadOnlyList<string> cells)
    {
        var text = string.Join('\u001f', cells);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
