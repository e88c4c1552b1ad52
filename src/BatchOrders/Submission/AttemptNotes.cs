using BatchOrders.Journal;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>What the journal logs of one HTTP attempt: its request id, status, kind of outcome, code and message.</summary>
internal static class AttemptNotes
{
    public static AttemptNote Of(Guid requestId, AttemptOutcome outcome)
    {
        var (status, kind, code, message) = outcome switch
        {
            AttemptOutcome.Succeeded s => (s.HttpStatus, "succeeded", null, null),
            AttemptOutcome.CartCreated c => (c.HttpStatus, "cart created", null, c.CartId),
            AttemptOutcome.CheckedOut c => (c.HttpStatus, "checked out", null, $"{c.Orders.Count} orders, {c.Refused.Count} order groups refused"),
            AttemptOutcome.OrdersListed l => (200, "read back", null, $"{l.Orders.Count} orders"),
            AttemptOutcome.Rejected r => (r.Error.HttpStatus, "rejected", r.Error.Code, r.Error.Description),
            AttemptOutcome.Unauthorized u => (u.Error.HttpStatus, "unauthorized", u.Error.Code, u.Error.Description),
            AttemptOutcome.Transient t => (t.Error.HttpStatus, t.IsThrottled ? "throttled" : "transient", t.Error.Code, t.Error.Description),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
        return new AttemptNote(requestId, status == 0 ? null : status, kind, code, message);
    }
}
