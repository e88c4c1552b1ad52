namespace BatchOrders.Sandbox.Orders;

/// <summary>The Partner Center error codes the sandbox answers with (Partner Center's documented error codes; see the sandbox README).</summary>
internal static class ErrorCodes
{
    /// <summary>Invalid request input (400): malformed body or headers, billing cycle or term not allowed, too many line items, request id reused for another body.</summary>
    public const int InvalidInput = 800002;

    /// <summary>Unexpected service error (500).</summary>
    public const int UnexpectedError = 800003;

    /// <summary>Invalid offer id (400).</summary>
    public const int InvalidOffer = 800004;

    /// <summary>Quantity outside the offer's range (400).</summary>
    public const int QuantityOutOfRange = 2002;

    /// <summary>ParentSubscriptionId on a POST (400).</summary>
    public const int ParentSubscriptionNotSupported = 2000;

    /// <summary>Order id not found (404).</summary>
    public const int OrderNotFound = 20000;

    /// <summary>Parent is not an active subscription (of this customer and order) (400).</summary>
    public const int NotAnActiveSubscription = 800012;

    /// <summary>Add-on not related to the parent subscription's offer (400).</summary>
    public const int AddOnNotRelated = 800029;

    /// <summary>Line-item numbers not 0..n-1 (400).</summary>
    public const int LineItemNumbering = 800071;

    /// <summary>Customer tenant not found (404).</summary>
    public const int CustomerNotFound = 60003;

    /// <summary>"Your order is in progress" (409): the same request id is being processed right now.</summary>
    public const int OrderInProgress = 800060;

    /// <summary>Sandbox choice: 401 and 403 carry their HTTP status as code (Partner Center documents none).</summary>
    public const int Unauthorized = 401;

    /// <summary>Sandbox choice, see <see cref="Unauthorized"/>.</summary>
    public const int Forbidden = 403;

    /// <summary>Sandbox choice: 503 carries its HTTP status as code.</summary>
    public const int ServiceUnavailable = 503;
}
