using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Submission;

/// <summary>
/// Sends one order by the orders API (POST, or PATCH for add-ons): Sending is committed before the first request,
/// the outcome after the last, so a crash at any moment loses nothing and a rerun sends nothing twice.
/// </summary>
internal sealed partial class OrderSender(BatchJournal journal, PartnerCenterClient client, StaleAnswerCheck staleAnswers, ILogger logger)
{
    public async Task SendAsync(JournalOrder order, StepAttempts attempts, Func<Task> stopBatch)
    {
        var before = order.State;
        var sending = journal.Apply(order.OrderKey, new OrderChange.Send());
        var counters = attempts.Counters;
        counters.Started();
        if (await staleAnswers.TrySettleAsync(sending, answerUnknown: before == OrderState.Sending, attempts))
        {
            return;
        }

        var step = await attempts.RunAsync(OperationFamily.OrderWrites, order.CustomerId, order.OrderKey, sending.RequestId, token => client.SendAsync(sending, token));

        // An answer is unknown when an earlier run's attempt got none, or one of this run's did not.
        var unknownOutcome = before == OrderState.Sending || step.AnswerUnknown;
        var change = step.Outcome switch
        {
            AttemptOutcome.Succeeded success => new OrderChange.Succeed(success.OrderId, success.HttpStatus, success.SubscriptionIds),
            AttemptOutcome.Rejected rejected => new OrderChange.Fail(rejected.Error.HttpStatus, rejected.Error.Code, rejected.Error.Description),

            // Refused before processing: back to how this run found it — in flight when an earlier attempt's outcome is unknown.
            AttemptOutcome.Unauthorized { Error: var error } when unknownOutcome => new OrderChange.KeepInFlight(error.HttpStatus, error.Code, error.Description),
            AttemptOutcome.Unauthorized { Error: var error } => new OrderChange.Unsend(error.HttpStatus, error.Code, error.Description),
            AttemptOutcome.Transient when !step.Sent && !unknownOutcome => new OrderChange.Unsend(),
            AttemptOutcome.Transient { Error: var error } => (OrderChange)new OrderChange.KeepInFlight(error.HttpStatus == 0 ? null : error.HttpStatus, error.Code, error.Description),
            _ => throw new InvalidOperationException($"Unknown outcome {step.Outcome}."),
        };
        journal.Apply(order.OrderKey, change with { Attempt = step.Answered });

        switch (step.Outcome)
        {
            case AttemptOutcome.Succeeded:
                counters.Succeeded();
                break;
            case AttemptOutcome.Rejected:
                counters.Failed();
                break;
            case AttemptOutcome.Unauthorized unauthorized:
                counters.AuthenticationFailed(unauthorized.Error);
                await stopBatch();
                break;
            case AttemptOutcome.Transient when !step.Sent && !unknownOutcome:
                counters.NotStarted();
                break;
            case AttemptOutcome.Transient transient:
                counters.Unresolved();
                LogUnresolved(logger, order.OrderKey, transient.Error.Description);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {OrderKey} has no definitive answer this run: {Reason}")]
    private static partial void LogUnresolved(ILogger logger, string orderKey, string reason);
}
