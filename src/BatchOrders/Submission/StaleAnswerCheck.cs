using BatchOrders.Journal;

namespace BatchOrders.Submission;

/// <summary>
/// Before an order whose outcome is unknown is sent again with its saved request id: when that id was first used
/// longer ago than <see cref="SubmissionOptions.StaleAfter"/>, the service may have forgotten it, and a resend would
/// order again. So the customer's orders are read back first: found, the order is settled with what was bought and
/// never resent; not found, it is resent with its saved request id as usual.
/// </summary>
internal sealed class StaleAnswerCheck(BatchJournal journal, OrderReadBack readBack, SubmissionOptions options, TimeProvider time)
{
    /// <summary>True when the order was found bought and settled; false when it is to be sent as usual.</summary>
    public async Task<bool> TrySettleAsync(JournalOrder sending, bool answerUnknown, StepAttempts attempts)
    {
        if (!answerUnknown || sending.RequestFirstUsedAt is not { } first || time.GetUtcNow() - first < options.StaleAfter)
        {
            return false;
        }

        var found = await readBack.FindAsync(sending, attempts);
        var unbought = sending.LineItems.Where(l => !l.IsBought).ToList();
        if (found is null || unbought.Any(l => !found.ContainsKey(l.LineItemNumber)))
        {
            return false;
        }

        journal.Apply(sending.OrderKey, new OrderChange.Settle(null, found));
        attempts.Counters.Succeeded();
        return true;
    }
}
