namespace BatchOrders.Sandbox;

/// <summary>What the sandbox decided to do to one request before answering it.</summary>
public enum FaultKind
{
    /// <summary>Answered normally (possibly after latency).</summary>
    None,

    /// <summary>429 from the rate limit of the request's operation family.</summary>
    RateLimited,

    /// <summary>429 from a seeded storm of throttling.</summary>
    Storm,

    /// <summary>500 with code 800003, nothing processed.</summary>
    ServerError,

    /// <summary>503, nothing processed.</summary>
    ServiceUnavailable,

    /// <summary>No answer until the client gives up or the sandbox stops.</summary>
    Hang,

    /// <summary>Connection aborted before anything was processed.</summary>
    DropConnection,

    /// <summary>Request processed and committed (ledger and idempotency store), then the connection aborted.</summary>
    AnswerLost,
}
