using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Submission;

/// <summary>
/// Buys one order through a cart (docs/ARCHITECTURE.md, "Purchase paths"): creates the cart with the order's request
/// id, journals the cart id and the checkout's request id, then checks the cart out. Both steps are journaled
/// before they are sent, so a rerun creates the cart again with the same request id (answered from the idempotency
/// store) or checks the same cart out again (the service repeats its first answer). When the service says the cart
/// was already checked out, or expired, the customer's orders are read back first: a second cart is never made for
/// lines that may have been bought.
/// </summary>
internal sealed partial class CartSender(BatchJournal journal, PartnerCenterClient client, OrderReadBack readBack, StaleAnswerCheck staleAnswers, Func<Guid> newId, ILogger logger)
{
    private const string AlreadySubmitted = "800065";
    private const string CartNotFound = "800008";

    public async Task SendAsync(JournalOrder order, StepAttempts attempts, Func<Task> stopBatch)
    {
        var unknownBefore = order.State == OrderState.Sending;
        var current = journal.Apply(order.OrderKey, new OrderChange.Send());
        attempts.Counters.Started();

        // Without a cart id nothing can have been bought (the cart id is journaled before any checkout).
        if (await staleAnswers.TrySettleAsync(current, answerUnknown: unknownBefore && current.CartId is not null, attempts))
        {
            return;
        }

        for (var cart = 0; cart < 2; cart++)
        {
            if (current.CartId is null)
            {
                var created = await attempts.RunAsync(OperationFamily.Carts, order.CustomerId, order.OrderKey, current.RequestId, token => client.CreateCartAsync(current, token));
                switch (created.Outcome)
                {
                    case AttemptOutcome.CartCreated { Lines: var lines } when lines.Any(l => l.HasError):
                        Finish(current, new OrderChange.Settle(created.Answered?.HttpStatus, RefusedCart(current, lines)) { Attempt = created.Answered }, attempts);
                        return;
                    case AttemptOutcome.CartCreated ready:
                        var groups = Unbought(current).Select((l, i) => (l.LineItemNumber, ready.Lines[i].OrderGroup)).ToDictionary(p => p.LineItemNumber, p => p.OrderGroup);
                        current = journal.Apply(order.OrderKey, new OrderChange.CartReady(ready.CartId, ready.ExpiresAt, newId(), groups) { Attempt = created.Answered });
                        break;
                    case AttemptOutcome.Rejected { Error: var error }:
                        Finish(current, new OrderChange.Settle(error.HttpStatus, AllRefused(current, error.Code, error.Description)) { Attempt = created.Answered }, attempts);
                        return;
                    default:
                        await Unresolved(current, created, unknownBefore || created.AnswerUnknown, attempts, stopBatch);
                        return;
                }
            }

            var checkout = await attempts.RunAsync(OperationFamily.Checkout, order.CustomerId, order.OrderKey, current.CheckoutRequestId!.Value, token => client.CheckoutAsync(current, token));
            switch (checkout.Outcome)
            {
                case AttemptOutcome.CheckedOut result:
                    Finish(current, new OrderChange.Settle(result.HttpStatus, CheckedOut(current, result)) { Attempt = checkout.Answered }, attempts);
                    return;
                case AttemptOutcome.Rejected { Error.Code: AlreadySubmitted or CartNotFound } rejected:
                    var found = await readBack.FindAsync(current, attempts);
                    if (found is null)
                    {
                        await Unresolved(current, checkout, answerUnknown: true, attempts, stopBatch);
                        return;
                    }

                    if (rejected.Error.Code == AlreadySubmitted || found.Count > 0)
                    {
                        // Checked out already: what was not found among the customer's orders was refused at checkout.
                        foreach (var line in Unbought(current).Where(l => !found.ContainsKey(l.LineItemNumber)))
                        {
                            found[line.LineItemNumber] = LineOutcome.Refused(rejected.Error.Code,
                                $"The cart {current.CartId} was already checked out and no order for this line is among the customer's orders: it was most likely refused at checkout. Check in Partner Center before ordering it again.");
                        }

                        Finish(current, new OrderChange.Settle(rejected.Error.HttpStatus, found) { Attempt = checkout.Answered }, attempts);
                        return;
                    }

                    // The cart expired unused: nothing of it was bought, so a new cart (new request id) replaces it, once.
                    LogExpired(logger, order.OrderKey, current.CartId!);
                    current = journal.Apply(order.OrderKey, new OrderChange.CartExpired(newId()) { Attempt = checkout.Answered });
                    current = journal.Apply(order.OrderKey, new OrderChange.Send());
                    break;
                case AttemptOutcome.Rejected { Error: var error }:
                    Finish(current, new OrderChange.Settle(error.HttpStatus, AllRefused(current, error.Code, error.Description)) { Attempt = checkout.Answered }, attempts);
                    return;
                default:
                    await Unresolved(current, checkout, answerUnknown: true, attempts, stopBatch);
                    return;
            }
        }

        await Unresolved(current, new StepResult(new AttemptOutcome.Transient(new PartnerCenterError(0, null, "The new cart expired too; it will be tried again."), null), true, true, null), answerUnknown: true, attempts, stopBatch);
    }

    private static IEnumerable<JournalLineItem> Unbought(JournalOrder order) => order.LineItems.Where(l => !l.IsBought);

    /// <summary>The lines the cart itself refused, with their errors; the others were not checked out because of them.</summary>
    private static Dictionary<int, LineOutcome> RefusedCart(JournalOrder order, IReadOnlyList<CartLine> lines)
    {
        var sent = Unbought(order).ToList();
        var refusedRows = string.Join(", ", lines.Where(l => l.HasError).Select(l => sent[l.Index].Row.ToString(CultureInfo.InvariantCulture)));
        return sent.Select((line, i) => (line.LineItemNumber, Outcome: lines[i].HasError
                ? LineOutcome.Refused(lines[i].ErrorCode, lines[i].ErrorDescription ?? "Partner Center cannot sell this line item.")
                : LineOutcome.Refused(null, $"Not checked out: the same cart holds row {refusedRows}, which Partner Center refused. Fix that row and submit again.")))
            .ToDictionary(p => p.LineItemNumber, p => p.Outcome);
    }

    private static Dictionary<int, LineOutcome> AllRefused(JournalOrder order, string? code, string description) =>
        Unbought(order).ToDictionary(l => l.LineItemNumber, _ => LineOutcome.Refused(code, description));

    /// <summary>Each line still to buy: bought by one of the placed orders, or refused with its order group's error.</summary>
    private static Dictionary<int, LineOutcome> CheckedOut(JournalOrder order, AttemptOutcome.CheckedOut result)
    {
        var outcomes = PlacedLineMatcher.Match(order.LineItems, result.Orders);
        foreach (var line in Unbought(order).Where(l => !outcomes.ContainsKey(l.LineItemNumber)))
        {
            var refusal = result.Refused.FirstOrDefault(r => r.OrderGroupId == line.CartOrderGroup) ?? (result.Refused.Count == 1 ? result.Refused[0] : null);
            outcomes[line.LineItemNumber] = refusal is null
                ? LineOutcome.Refused(null, "The checkout's answer names neither an order nor an error for this line.")
                : LineOutcome.Refused(refusal.Code, refusal.Description);
        }

        return outcomes;
    }

    private void Finish(JournalOrder order, OrderChange.Settle settle, StepAttempts attempts)
    {
        journal.Apply(order.OrderKey, settle);
        if (settle.Transition == OrderTransition.Succeed)
        {
            attempts.Counters.Succeeded();
        }
        else
        {
            attempts.Counters.Failed();
        }
    }

    /// <summary>No definitive answer: in flight for the next run (same request ids), or back to Pending when nothing left the client.</summary>
    private async Task Unresolved(JournalOrder order, StepResult step, bool answerUnknown, StepAttempts attempts, Func<Task> stopBatch)
    {
        // As for orders: a refused token means the request was not processed; any other failure only when nothing left.
        var nothingSent = order.CartId is null && !answerUnknown && (step.Outcome is AttemptOutcome.Unauthorized || !step.Sent);
        var error = step.Outcome switch
        {
            AttemptOutcome.Unauthorized u => u.Error,
            AttemptOutcome.Transient t => t.Error,
            _ => new PartnerCenterError(0, null, "No definitive answer."),
        };
        OrderChange change = nothingSent
            ? new OrderChange.Unsend(error.HttpStatus == 0 ? null : error.HttpStatus, error.Code, step.Outcome is AttemptOutcome.Unauthorized ? error.Description : null)
            : new OrderChange.KeepInFlight(error.HttpStatus == 0 ? null : error.HttpStatus, error.Code, error.Description);
        journal.Apply(order.OrderKey, change with { Attempt = step.Answered });
        if (step.Outcome is AttemptOutcome.Unauthorized)
        {
            attempts.Counters.AuthenticationFailed(error);
            await stopBatch();
        }
        else if (nothingSent)
        {
            attempts.Counters.NotStarted();
        }
        else
        {
            attempts.Counters.Unresolved();
            LogUnresolved(logger, order.OrderKey, error.Description);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderKey} has no definitive answer this run: {Reason}")]
    private static partial void LogUnresolved(ILogger logger, string orderKey, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The cart {CartId} of order {OrderKey} expired unused; a new cart replaces it")]
    private static partial void LogExpired(ILogger logger, string orderKey, string cartId);
}
