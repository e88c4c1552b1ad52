using System.Globalization;
using System.Text.Json.Nodes;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// An OAuth 2.0 error as Microsoft Entra answers it: <c>error</c>, an <c>error_description</c> that starts with the
/// AADSTS code (MSAL shows it), <c>error_codes</c>, and trace and correlation ids. Never carries a secret.
/// </summary>
internal sealed record IdentityError(int Status, string Error, int Code, string Description)
{
    public static IdentityError InvalidRequest(int code, string description) => new(400, "invalid_request", code, description);

    public static IdentityError InvalidClient(int code, string description) => new(401, "invalid_client", code, description);

    public static IdentityError UnauthorizedClient(int code, string description) => new(400, "unauthorized_client", code, description);

    public static IdentityError InvalidGrant(int code, string description) => new(400, "invalid_grant", code, description);

    public static IdentityError InvalidScope(int code, string description) => new(400, "invalid_scope", code, description);

    /// <summary>The device code's sign-in is not approved yet: the client polls again after the interval.</summary>
    public static IdentityError AuthorizationPending { get; } = new(400, "authorization_pending", 70016,
        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");

    public static IdentityError ExpiredToken { get; } = new(400, "expired_token", 70020,
        "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");

    public JsonObject ToJson(DateTimeOffset now, Guid correlationId)
    {
        var trace = Guid.NewGuid();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["error"] = Error,
            ["error_description"] = string.Create(CultureInfo.InvariantCulture,
                $"AADSTS{Code}: {Description} Trace ID: {trace:D} Correlation ID: {correlationId:D} Timestamp: {timestamp}"),
            ["error_codes"] = new JsonArray(Code),
            ["timestamp"] = timestamp,
            ["trace_id"] = trace.ToString("D"),
            ["correlation_id"] = correlationId.ToString("D"),
        };
    }
}
