namespace BatchOrders.Submission;

/// <summary>
/// One request's places at the gates it passed (<see cref="ThrottleGates.EnterAsync"/>): its family's, and its
/// customer's when the family is keyed by customer. Say how the request was answered, and dispose it when it is done.
/// </summary>
internal sealed class GateLease(ThrottleGate.Lease family, ThrottleGate.Lease? customer) : IDisposable
{
    /// <summary>When the request left the gates.</summary>
    public DateTimeOffset SentAt => family.SentAt;

    /// <summary>
    /// The service throttled the request (429), with its Retry-After if it gave one: the window that refused it is the
    /// customer's when the family is keyed by customer (the family's gate frees the place and learns nothing), else
    /// the family's.
    /// </summary>
    public void Throttled(TimeSpan? retryAfter)
    {
        if (customer is null)
        {
            family.Throttled(retryAfter);
            return;
        }

        customer.Throttled(retryAfter);
        family.Uncounted();
    }

    /// <summary>The request got an answer that was not a 429.</summary>
    public void Answered()
    {
        family.Answered();
        customer?.Answered();
    }

    public void Dispose()
    {
        family.Dispose();
        customer?.Dispose();
    }
}
