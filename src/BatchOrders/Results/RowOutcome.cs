using BatchOrders.Journal;

namespace BatchOrders.Results;

/// <summary>
/// What became of one input row, as the results workbook and the web page both say it: its own line's outcome when
/// the line was bought or refused on its own (carts, adopted purchases), else its order's.
/// </summary>
/// <param name="State">An <see cref="OrderState"/> name, or <see cref="NotPlanned"/>.</param>
/// <param name="OrderId">Partner Center's id of the order that bought the row, when one did.</param>
/// <param name="ErrorCode">Partner Center's error code of the refusal, when it was refused.</param>
/// <param name="ErrorMessage">Partner Center's words for the refusal.</param>
/// <param name="Order">The row's order in the journal; null when the row was in no order.</param>
/// <param name="Line">The row's line item in that order.</param>
public sealed record RowOutcome(string State, string? OrderId, string? ErrorCode, string? ErrorMessage, JournalOrder? Order, JournalLineItem? Line)
{
    /// <summary>The state of a row that is in no order of the journal.</summary>
    public const string NotPlanned = "Not planned";

    /// <summary>The outcome of <paramref name="row"/>, given the journal's orders by key.</summary>
    public static RowOutcome Of(JournalRow row, IReadOnlyDictionary<string, JournalOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(orders);
        if (row.OrderKey is null || !orders.TryGetValue(row.OrderKey, out var order))
        {
            return new RowOutcome(NotPlanned, null, null, null, null, null);
        }

        var line = order.LineItems.FirstOrDefault(l => l.LineItemNumber == row.LineItemNumber);
        return line switch
        {
            { IsBought: true } => new RowOutcome(nameof(OrderState.Succeeded), line.PartnerOrderId, null, null, order, line),
            { ErrorMessage: not null } when order.State == OrderState.Failed => new RowOutcome(nameof(OrderState.Failed), null, line.ErrorCode, line.ErrorMessage, order, line),
            _ => new RowOutcome(order.State.ToString(), order.PartnerOrderId, order.ErrorCode, order.ErrorMessage, order, line),
        };
    }
}
