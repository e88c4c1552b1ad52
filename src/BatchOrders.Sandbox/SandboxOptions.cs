using System.Globalization;
using System.Text.RegularExpressions;
using BatchOrders.Sandbox.Identity;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Sandbox;

/// <summary>
/// Everything the sandbox can be told: where it listens, where it keeps state, how it throttles and which faults it
/// injects. Defaults give a well-behaved Partner Center (no faults, 500 requests per minute per partner in each
/// operation family's own window).
/// </summary>
public sealed partial class SandboxOptions
{
    /// <summary>The documented Order resource limit: 500 requests per minute per partner tenant.</summary>
    public const int DefaultRequestsPerMinute = 500;

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (see <see cref="SandboxServer.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>SQLite file holding the ledger and the idempotency store (WAL); null keeps them in memory.</summary>
    public string? StatePath { get; set; }

    /// <summary>Seed of every fault decision and generated id; null picks one (see <see cref="SandboxServer.Seed"/>).</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Order writes (create, add-on PATCH) per minute per partner (bearer token), over a sliding 60-second window;
    /// 0 = unlimited. The other families follow it unless set: each on a window of its own.
    /// </summary>
    public int RequestsPerMinute { get; set; } = DefaultRequestsPerMinute;

    /// <summary>Cart creations and updates per minute per key (null: as <see cref="RequestsPerMinute"/>; 0 = unlimited).</summary>
    public int? CartRequestsPerMinute { get; set; }

    /// <summary>Checkouts per minute per key (null: as <see cref="RequestsPerMinute"/>; 0 = unlimited).</summary>
    public int? CheckoutRequestsPerMinute { get; set; }

    /// <summary>Reads (every GET, and the read-only POSTs) per minute per key (null: as <see cref="RequestsPerMinute"/>; 0 = unlimited).</summary>
    public int? ReadRequestsPerMinute { get; set; }

    /// <summary>The families whose window is kept per partner and customer; the others are kept per partner.</summary>
    public ICollection<ThrottleFamily> KeyedByCustomer { get; private set; } = new HashSet<ThrottleFamily>();

    /// <summary>Chance per request that a 429 storm starts: every request of every partner is throttled for <see cref="StormDuration"/>.</summary>
    public double StormRate { get; set; }

    /// <summary>How long a 429 storm lasts.</summary>
    public TimeSpan StormDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Chance per request of a 500 (code 800003) before processing.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Chance per request of a 503 before processing.</summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Chance per request that it hangs: no answer until the client gives up or the sandbox stops.</summary>
    public double HangRate { get; set; }

    /// <summary>Chance per request that the connection is dropped before processing.</summary>
    public double DropConnectionRate { get; set; }

    /// <summary>Chance per request that it is processed and committed, then the connection is dropped.</summary>
    public double AnswerLostRate { get; set; }

    /// <summary>Stop injecting faults (500, 503, hang, drop, answer lost) after this many; null = no limit.</summary>
    public int? FaultLimit { get; set; }

    /// <summary>
    /// Mean added latency per request. The delay is drawn uniformly from
    /// [<see cref="LatencyMean"/> − <see cref="LatencyJitter"/>, <see cref="LatencyMean"/> + <see cref="LatencyJitter"/>], never below zero.
    /// </summary>
    public TimeSpan LatencyMean { get; set; } = TimeSpan.Zero;

    /// <summary>Half-width of the uniform latency distribution around <see cref="LatencyMean"/>.</summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.Zero;

    /// <summary>When set, only this bearer token is accepted (others get 401); null accepts any well-formed token.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Bearer tokens answered with 403 (authenticated but not allowed).</summary>
    public ICollection<string> ForbiddenTokens { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Bearer tokens that stand for an app-only sign-in: the reads Partner Center allows to app+user sign-in only (a
    /// customer's account validation status) answer them 403.
    /// </summary>
    public ICollection<string> AppOnlyTokens { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Customer tenant ids answered with 404 code 60003; any other GUID is a customer.</summary>
    public ICollection<Guid> UnknownCustomers { get; private set; } = new HashSet<Guid>();

    /// <summary>How long an answer stays stored under its partner + <c>MS-RequestId</c> for replay.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most line items one order or cart request may carry; null uses the catalog's limit (50).</summary>
    public int? MaxLineItemsPerOrder { get; set; }

    /// <summary>An order reads as <c>pending</c> until this long after its last change, then <c>completed</c>.</summary>
    public TimeSpan OrderCompletionDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When set, the sandbox also plays the identity provider of a rehearsal of the live path: it is served over HTTPS
    /// and its orders API accepts only the access tokens it issued (see <see cref="SandboxIdentityOptions"/>).
    /// </summary>
    public SandboxIdentityOptions? Identity { get; set; }
    /// <summary>How long a cart can be checked out after it is created (Partner Center documents 7 days).</summary>
    public TimeSpan CartLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>What a second checkout of a checked-out cart gets: the first result again, or error 800065.</summary>
    public RepeatedCheckout RepeatedCheckout { get; set; } = RepeatedCheckout.Replay;

    /// <summary>
    /// How long a checkout takes between being accepted and committing its orders; meanwhile another checkout of the
    /// same cart gets 409 code 800064. It runs on even if the client gives up, as a real checkout would.
    /// </summary>
    public TimeSpan CheckoutDuration { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long stopping waits for requests being answered before their connections are aborted. Hung and delayed
    /// requests are cut off at once, whatever this is.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Chance per order group at checkout that it is refused (code 800010, in <c>orderErrors</c>) while the other groups are ordered.</summary>
    public double OrderGroupRefusalRate { get; set; }

    /// <summary>
    /// How often every new-commerce availability id is reissued (the old one is then gone: 404 400019 on reads,
    /// refused on a cart line), counted from the sandbox's start; null = never (the seeded ids stay).
    /// </summary>
    public TimeSpan? AvailabilityRotation { get; set; }

    /// <summary>Level of the one log line per request; <see cref="LogLevel.None"/> silences them.</summary>
    public LogLevel RequestLogLevel { get; set; } = LogLevel.Information;

    /// <summary>Sum of the per-request fault rates; at most 1.</summary>
    internal double TotalFaultRate =>
        ServerErrorRate + ServiceUnavailableRate + HangRate + DropConnectionRate + AnswerLostRate;

    /// <summary>Every problem with these options, as plain sentences; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add($"Port must be between 0 and 65535 (0 picks a free port); got {Port}.");
        }

        if (StatePath is not null && string.IsNullOrWhiteSpace(StatePath))
        {
            errors.Add("StatePath must name a file, or be left unset to keep state in memory.");
        }

        foreach (var (name, perMinute) in new[]
        {
            (nameof(RequestsPerMinute), (int?)RequestsPerMinute), (nameof(CartRequestsPerMinute), CartRequestsPerMinute),
            (nameof(CheckoutRequestsPerMinute), CheckoutRequestsPerMinute), (nameof(ReadRequestsPerMinute), ReadRequestsPerMinute),
        })
        {
            if (perMinute < 0)
            {
                errors.Add($"{name} must be 0 (unlimited) or more; got {perMinute}.");
            }
        }

        if (KeyedByCustomer.Any(f => !Enum.IsDefined(f)))
        {
            errors.Add("KeyedByCustomer holds a value that is not a ThrottleFamily.");
        }

        CheckRate(errors, nameof(StormRate), StormRate);
        CheckRate(errors, nameof(ServerErrorRate), ServerErrorRate);
        CheckRate(errors, nameof(ServiceUnavailableRate), ServiceUnavailableRate);
        CheckRate(errors, nameof(HangRate), HangRate);
        CheckRate(errors, nameof(DropConnectionRate), DropConnectionRate);
        CheckRate(errors, nameof(AnswerLostRate), AnswerLostRate);
        if (TotalFaultRate > 1.0 + 1e-9)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"The fault rates add up to {TotalFaultRate:0.###}; together they must be at most 1."));
        }

        if (StormRate > 0 && StormDuration <= TimeSpan.Zero)
        {
            errors.Add("StormDuration must be positive when StormRate is set.");
        }

        if (FaultLimit < 0)
        {
            errors.Add($"FaultLimit must be 0 or more; got {FaultLimit}.");
        }

        if (LatencyMean < TimeSpan.Zero || LatencyJitter < TimeSpan.Zero)
        {
            errors.Add("LatencyMean and LatencyJitter must not be negative.");
        }

        if (LatencyMean + LatencyJitter > TimeSpan.FromMinutes(10))
        {
            errors.Add("LatencyMean + LatencyJitter must be at most 10 minutes.");
        }

        if (RequiredToken is not null && !IsWellFormedToken(RequiredToken))
        {
            errors.Add("RequiredToken must be a well-formed bearer token (letters, digits and -._~+/ then optional =).");
        }

        if (IdempotencyRetention <= TimeSpan.Zero)
        {
            errors.Add("IdempotencyRetention must be positive.");
        }

        if (MaxLineItemsPerOrder is < 1)
        {
            errors.Add($"MaxLineItemsPerOrder must be at least 1; got {MaxLineItemsPerOrder}.");
        }

        if (OrderCompletionDelay < TimeSpan.Zero)
        {
            errors.Add("OrderCompletionDelay must not be negative.");
        }

        if (Identity is not null)
        {
            errors.AddRange(Identity.Validate());
            if (RequiredToken is not null)
            {
                errors.Add("RequiredToken cannot be combined with Identity: with Identity, the tokens the sandbox issued are required.");
            }
        }

        if (CartLifetime <= TimeSpan.Zero)
        {
            errors.Add("CartLifetime must be positive.");
        }

        if (!Enum.IsDefined(RepeatedCheckout))
        {
            errors.Add($"RepeatedCheckout must be {nameof(Sandbox.RepeatedCheckout.Replay)} or {nameof(Sandbox.RepeatedCheckout.AlreadySubmittedError)}.");
        }

        if (CheckoutDuration < TimeSpan.Zero || CheckoutDuration > TimeSpan.FromMinutes(10))
        {
            errors.Add("CheckoutDuration must be between 0 and 10 minutes.");
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("ShutdownTimeout must be between 0 and 10 minutes.");
        }

        CheckRate(errors, nameof(OrderGroupRefusalRate), OrderGroupRefusalRate);

        if (AvailabilityRotation is { } rotation && rotation < TimeSpan.FromSeconds(1))
        {
            errors.Add("AvailabilityRotation must be at least one second, or unset (never).");
        }

        return errors;
    }

    /// <summary>A copy, so options changed after the sandbox started do not change the running sandbox.</summary>
    internal SandboxOptions Clone()
    {
        var copy = (SandboxOptions)MemberwiseClone();
        var forbidden = new HashSet<string>(ForbiddenTokens, StringComparer.Ordinal);
        var unknown = new HashSet<Guid>(UnknownCustomers);
        copy.ForbiddenTokens = forbidden;
        copy.AppOnlyTokens = new HashSet<string>(AppOnlyTokens, StringComparer.Ordinal);
        copy.UnknownCustomers = unknown;
        copy.KeyedByCustomer = new HashSet<ThrottleFamily>(KeyedByCustomer);
        copy.Identity = Identity?.Clone();
        return copy;
    }

    /// <summary>The ceiling of a family's window, requests per minute (0: unlimited).</summary>
    public int CeilingOf(ThrottleFamily family) => family switch
    {
        ThrottleFamily.Carts => CartRequestsPerMinute ?? RequestsPerMinute,
        ThrottleFamily.Checkout => CheckoutRequestsPerMinute ?? RequestsPerMinute,
        ThrottleFamily.Reads => ReadRequestsPerMinute ?? RequestsPerMinute,
        _ => RequestsPerMinute,
    };

    /// <summary>What a family's window counts.</summary>
    public ThrottleKey KeyOf(ThrottleFamily family) => KeyedByCustomer.Contains(family) ? ThrottleKey.PartnerAndCustomer : ThrottleKey.Partner;

    /// <summary>A token as RFC 6750 allows it in <c>Authorization: Bearer …</c>.</summary>
    internal static bool IsWellFormedToken(string token) => TokenPattern().IsMatch(token);

    private static void CheckRate(List<string> errors, string name, double rate)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between 0 and 1; got {rate}."));
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-._~+/]+=*$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
