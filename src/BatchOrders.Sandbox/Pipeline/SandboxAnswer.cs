using BatchOrders.Sandbox.Carts;
using BatchOrders.Sandbox.Orders;

namespace BatchOrders.Sandbox.Pipeline;

/// <summary>
/// What the sandbox answers to one request, built before anything is written so it can be stored for idempotent
/// replay, or committed and then lost on purpose.
/// </summary>
internal sealed record SandboxAnswer(int StatusCode, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>True when the answer was already stored together with the ledger entry it describes.</summary>
    public bool Stored { get; init; }

    /// <summary>True when this is a stored answer replayed for a repeated <c>MS-RequestId</c>.</summary>
    public bool Replayed { get; init; }

    /// <summary>The ledger entry this answer committed, if any.</summary>
    public LedgerOrder? Committed { get; init; }

    /// <summary>The cart this answer created or checked out, if any.</summary>
    public CartCommit? CartCommitted { get; init; }

    public static SandboxAnswer Json<T>(int statusCode, T value) => new(statusCode, SandboxJson.Serialize(value));

    /// <summary>A Partner Center error: <c>{"code":…,"description":…,"data":[],"source":"PartnerFD"}</c>.</summary>
    public static SandboxAnswer Error(int statusCode, int code, string description, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, SandboxJson.Serialize(new PartnerCenterError(code, description, [], "PartnerFD")), headers);

    /// <summary>The throttling answer, whose body differs from other errors: <c>{"statusCode":429,"message":…}</c>.</summary>
    public static SandboxAnswer TooManyRequests(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        var body = new ThrottleBody(429, $"Rate limit is exceeded. Try again in {seconds} seconds.");
        return new SandboxAnswer(429, SandboxJson.Serialize(body), new Dictionary<string, string>
        {
            ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private sealed record ThrottleBody(int StatusCode, string Message);
}
