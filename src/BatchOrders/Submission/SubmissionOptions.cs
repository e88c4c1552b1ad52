using System.ComponentModel.DataAnnotations;

namespace BatchOrders.Submission;

/// <summary>How orders are sent: how many requests at once, how fast, and how long to keep trying each one. Bounds are checked by <see cref="OptionsValidator"/>.</summary>
public sealed record SubmissionOptions
{
    /// <summary>
    /// Requests in flight fixed at this number; null (the default) adapts it while the batch runs: it grows until
    /// the service's ceiling or <see cref="MaxInFlight"/> is reached and carries the learned pace at the latency
    /// measured (see docs/ARCHITECTURE.md, Throughput).
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "must be between {1} and {2}")]
    public int? Concurrency { get; init; }

    /// <summary>
    /// The most requests the adaptive concurrency keeps in flight, bounding sockets and memory. The default carries
    /// 6,000 requests a minute at 10 s per request (Little's law: rate × latency).
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "must be between {1} and {2}")]
    public int MaxInFlight { get; init; } = 1_000;

    /// <summary>
    /// A client-side ceiling on requests per minute of each write family — order writes, carts, checkouts, each on its
    /// own window — (null: none; each family's ceiling is learned from its 429s).
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "must be between {1} and {2} requests per minute")]
    public int? MaxRatePerMinute { get; init; }

    /// <summary>A client-side ceiling on reads per minute (null: none; learned from the reads' 429s).</summary>
    [Range(1, 100_000, ErrorMessage = "must be between {1} and {2} requests per minute")]
    public int? MaxReadRatePerMinute { get; init; }

    /// <summary>
    /// The families the service throttles per partner + customer rather than per partner: each customer gets a gate of
    /// its own for them (docs/ARCHITECTURE.md, "Throughput"). Partner Center does not say which routes are keyed how;
    /// empty (the default) keys every family by partner.
    /// </summary>
    public IReadOnlyCollection<OperationFamily> KeyedByCustomer { get; init; } = [];

    /// <summary>One HTTP attempt is given up after this long (a hung request).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 10 milliseconds and 1 hour")]
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts at one order in one run before it is left for the next run (same request id).</summary>
    [Range(1, 100, ErrorMessage = "must be between {1} and {2}")]
    public int MaxAttemptsPerOrder { get; init; } = 8;

    /// <summary>All attempts at one order in one run, waits included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 10 milliseconds and 1 day")]
    public TimeSpan MaxTimePerOrder { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The first back-off after a transient fault; it doubles, with jitter, up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 0 and 1 hour")]
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest back-off between two attempts at one order.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 0 and 1 hour")]
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait after a 429 that gave no Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 0 and 1 hour")]
    public TimeSpan DefaultThrottleWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An order whose outcome is unknown and whose request was first sent longer ago than this is looked for among
    /// the customer's orders before it is sent again: how long Partner Center remembers a request id is not documented.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 0 and 30 days")]
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How far back the repeat check looks for a customer's orders that a planned order would repeat.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 0 and 365 days")]
    public TimeSpan RepeatWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A run reuses what this journal read of Partner Center within this long instead of reading it again: the repeat
    /// check's reads of customers' orders, and the preflight's reads that found nothing wrong (one that produced an
    /// error or a warning is always read again). A rerun soon after a crash or Ctrl+C does not read every customer
    /// anew. What it trades: a change made in Partner Center since that read (an order placed by someone else, an
    /// availability id reissued, a subscription suspended) is not seen. Zero reads everything again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 0 and 1 day")]
    public TimeSpan ReadsReusedFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest a 429 may pause the batch, however it backs off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "must be between 0 and 1 hour")]
    public TimeSpan MaxThrottleWait { get; init; } = TimeSpan.FromMinutes(5);
}
