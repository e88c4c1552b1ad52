using System.Security.Cryptography;
using System.Text;

namespace BatchOrders.Sandbox.Pipeline;

/// <summary>
/// Checks <c>Authorization: Bearer …</c> and turns the token into a partner key: a hash, so tokens never reach the
/// state file, the logs or the stats. With an identity provider (<paramref name="issuedTokens"/>), only its access
/// tokens are accepted, and the partner key is their tenant, so a token refreshed mid-batch is the same partner
/// (throttling and <c>MS-RequestId</c> replay are per partner).
/// </summary>
internal sealed class BearerToken(string? requiredToken, IEnumerable<string> forbiddenTokens, Func<string, (string? Tenant, string? Problem)>? issuedTokens = null)
{
    private const string Scheme = "Bearer ";

    private readonly HashSet<string> _forbidden = new(forbiddenTokens, StringComparer.Ordinal);

    /// <summary>The partner key, or the 401/403 answer.</summary>
    public (string? PartnerKey, SandboxAnswer? Error) Authenticate(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return Unauthorized("Authentication failed: the Authorization header is missing; send 'Authorization: Bearer <access token>'.");
        }

        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || authorization[Scheme.Length..].Trim() is not { Length: > 0 } token
            || !SandboxOptions.IsWellFormedToken(token))
        {
            return Unauthorized("Authentication failed: the Authorization header is not a well-formed bearer token.");
        }

        if (_forbidden.Contains(token))
        {
            return (null, SandboxAnswer.Error(403, Orders.ErrorCodes.Forbidden,
                "Access denied: the caller is authenticated but not allowed to manage orders for this partner."));
        }

        if (requiredToken is not null && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(requiredToken)))
        {
            return Unauthorized("Authentication failed: the access token is invalid or has expired.");
        }

        if (issuedTokens is not null)
        {
            var (tenant, problem) = issuedTokens(token);
            return problem is not null
                ? Unauthorized($"Authentication failed: {problem}.", $"Bearer error=\"invalid_token\", error_description=\"{problem}\"")
                : (PartnerKeyOf("tenant:" + tenant), null);
        }

        return (PartnerKeyOf(token), null);
    }

    private static string PartnerKeyOf(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 16);

    private static (string?, SandboxAnswer?) Unauthorized(string description, string challenge = "Bearer") =>
        (null, SandboxAnswer.Error(401, Orders.ErrorCodes.Unauthorized, description,
            new Dictionary<string, string> { ["WWW-Authenticate"] = challenge }));
}
