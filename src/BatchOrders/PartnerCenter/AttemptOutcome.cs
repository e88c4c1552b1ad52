namespace BatchOrders.PartnerCenter;

/// <summary>What one HTTP attempt at an order came to. Expected failures are values, never exceptions.</summary>
internal abstract record AttemptOutcome
{
    private AttemptOutcome()
    {
    }

    /// <summary>The order was created (201) or the add-ons added (200): the order id and, per line item, its subscription.</summary>
    public sealed record Succeeded(int HttpStatus, string OrderId, IReadOnlyDictionary<int, string> SubscriptionIds) : AttemptOutcome;

    /// <summary>A cart was created (201): its id, expiry, and per line sent (in order) its order group or the error that keeps it from being bought.</summary>
    public sealed record CartCreated(int HttpStatus, string CartId, DateTimeOffset? ExpiresAt, IReadOnlyList<CartLine> Lines) : AttemptOutcome;

    /// <summary>A cart was checked out: the orders it placed (one per order group) and the order groups refused.</summary>
    public sealed record CheckedOut(int HttpStatus, IReadOnlyList<PlacedOrder> Orders, IReadOnlyList<RefusedGroup> Refused) : AttemptOutcome;

    /// <summary>A customer's orders, read back to learn what an answer that never came would have said.</summary>
    public sealed record OrdersListed(IReadOnlyList<PlacedOrder> Orders) : AttemptOutcome;

    /// <summary>A read answered (2xx): its body, for the reader to make sense of.</summary>
    public sealed record Read(int HttpStatus, string Body) : AttemptOutcome;

    /// <summary>A business refusal (400, 404, other 4xx, a 403 with a business code): definitive, not retried.</summary>
    public sealed record Rejected(PartnerCenterError Error) : AttemptOutcome;

    /// <summary>Credentials or permissions (401, a 403 without a business code): the batch stops; the request was not processed.</summary>
    public sealed record Unauthorized(PartnerCenterError Error) : AttemptOutcome;

    /// <summary>
    /// No definitive answer (408, 429, 5xx, 409 "in progress", time-out, dropped connection): retried with the same
    /// request id. <see cref="RetryAfter"/> is the service's own wait, when it gave one.
    /// </summary>
    public sealed record Transient(PartnerCenterError Error, TimeSpan? RetryAfter) : AttemptOutcome
    {
        /// <summary>A 429: the whole batch pauses at the throttle gate.</summary>
        public bool IsThrottled => Error.HttpStatus == 429;
    }
}
