using System.Globalization;
using BatchOrders.Planning;
using BatchOrders.Reading;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Journal;

/// <summary>Brings the journal in line with the current plan: the resume rules of docs/ARCHITECTURE.md, "Resume".</summary>
public sealed partial class BatchJournal
{
    /// <summary>
    /// Records every planned order and the input's rows, in one transaction, before anything is sent:
    /// <list type="bullet">
    /// <item>an order already in the journal keeps its state and request id (succeeded ones are skipped, in-flight
    /// ones are resent as they were);</item>
    /// <item>lines that another version of the same order already bought are bought (never sent again); when that
    /// covers every line, the order is done without a request;</item>
    /// <item>a line whose offer another version bought with other quantities or terms changed after it was ordered:
    /// its order is a <see cref="OrderState.Conflict"/>, never sent;</item>
    /// <item>a new order gets a fresh request id and correlation id; failed orders stay failed unless
    /// <paramref name="retryFailed"/> (a new request id: the old one got its answer);</item>
    /// <item>pending, failed and conflicting orders no longer in the plan (rows fixed or removed) are superseded.</item>
    /// </list>
    /// Idempotent: synchronising the same plan twice changes nothing the second time.
    /// </summary>
    /// <param name="read">The input as read.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="inputSha256">The input file's hash.</param>
    /// <param name="retryFailed">Reopen failed orders whose rows did not change.</param>
    /// <param name="offersToSend">
    /// The catalog item id to send for a row instead of its own (the preflight's resolution of a stale or missing
    /// availability): recorded on the lines of orders not yet sent, never on one whose request may have reached the
    /// service (that is resent exactly as it was).
    /// </param>
    public SyncReport Synchronize(ReadResult read, OrderPlan plan, string inputSha256, bool retryFailed, IReadOnlyDictionary<RowLocation, string>? offersToSend = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(plan);
        using var timing = JournalMetrics.Time(nameof(Synchronize));
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            var sync = new PlanSync(this, transaction, JournalTime.Format(_time.GetUtcNow()), retryFailed, offersToSend);
            sync.Reconcile(plan);

            var superseded = sync.SupersedeUnplanned(plan);
            ReplaceRowsIfChanged(read, plan, inputSha256, sync.Now, transaction);
            transaction.Commit();
            return sync.Report(superseded);
        }
    }

    private void Insert(PlannedOrder order, int sequence, IReadOnlyList<JournalLineItem> lines, OrderState state, string? message, string now, SqliteTransaction transaction)
    {
        var done = state == OrderState.Succeeded;
        _connection.Execute(
            """
            INSERT INTO orders (order_key, group_key, family_key, path, sequence, customer_id, billing_cycle, target_order_id, line_items_json, state,
                                request_id, correlation_id, partner_order_id, error_message, created_at, updated_at, completed_at)
            VALUES (@OrderKey, @GroupKey, @FamilyKey, @path, @sequence, @CustomerId, @billingCycle, @OrderId, @lines, @state,
                    @requestId, @correlationId, @partnerOrderId, @message, @now, @now, @completedAt)
            """,
            new
            {
                order.OrderKey, order.GroupKey, order.FamilyKey, path = order.Path.ToString(), sequence, order.CustomerId, billingCycle = order.BillingCycle?.ToWireValue(), order.OrderId,
                lines = ToJson(lines), state = state.ToString(), requestId = _newId().ToString(), correlationId = _newId().ToString(),
                partnerOrderId = done ? lines[0].PartnerOrderId : null, message, now, completedAt = done ? now : null,
            },
            transaction);
    }

    private void UpdateLines(string orderKey, IReadOnlyList<JournalLineItem> lines, SqliteTransaction transaction) =>
        _connection.Execute("UPDATE orders SET line_items_json = @lines WHERE order_key = @orderKey", new { orderKey, lines = ToJson(lines) }, transaction);

    /// <summary>A planned order's line items as the journal first keeps them: offer ids in the catalog's spelling (upper-case GUIDs), as Microsoft's SDK sends them.</summary>
    private static List<JournalLineItem> LinesOf(PlannedOrder order, IReadOnlyDictionary<RowLocation, string>? offersToSend) =>
        [.. order.LineItems.Select(i => new JournalLineItem(
            i.LineItemNumber, Guid.TryParse(i.Row.OfferId, out var offer) ? offer.ToString("D").ToUpperInvariant() : i.Row.OfferId, i.Row.Quantity,
            i.Row.FriendlyName, i.Row.ParentSubscriptionId, i.Row.TermDuration, i.Row.PromotionId, i.Row.PartnerIdOnRecord, i.Row.Location.Sheet, i.Row.Location.Row,
            SentOfferId: SentOffer(i.Row.OfferId, i.Row.Location, offersToSend)))];

    /// <summary>The id to send for a row when it differs from the sheet's; null when the sheet's is sent.</summary>
    private static string? SentOffer(string offerId, RowLocation location, IReadOnlyDictionary<RowLocation, string>? offersToSend) =>
        offersToSend?.GetValueOrDefault(location) is { } sent && !string.Equals(sent, offerId, StringComparison.OrdinalIgnoreCase) ? sent : null;

    private static OrderConflict ConflictFor(PlannedOrder order, LineReconciliation lines)
    {
        var changed = string.Join("; ", lines.Changed.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"row {c.Line.Row}: {c.Bought.OfferId} was ordered with quantity {c.Bought.Quantity}{(c.Bought.TermDuration is null ? string.Empty : $", term {c.Bought.TermDuration}")} in Partner Center order {c.Bought.PartnerOrderId}")));
        var message =
            $"These rows changed after they were ordered ({changed}), so they were not sent again. " +
            "To order more, put the new line items on new rows with a different OrderGroup; to keep things as ordered, restore the rows.";
        return new OrderConflict(order.OrderKey, order.CustomerId, [.. lines.Changed.Select(c => c.Line.Row)], message);
    }
}
