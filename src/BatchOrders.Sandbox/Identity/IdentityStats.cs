namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// What the sandbox's identity provider did (also at <c>GET /_sandbox/identity/stats</c>): tokens issued per way of
/// signing in, sign-ins refused, device codes, and access tokens the orders API refused. Counts only, never a token.
/// </summary>
/// <param name="ClientSecretTokens">Access tokens issued for a client secret (app-only).</param>
/// <param name="ClientAssertionTokens">Access tokens issued for a certificate's client assertion (app-only).</param>
/// <param name="DeviceCodeTokens">Access tokens issued for an approved device code (app+user).</param>
/// <param name="RefreshTokenTokens">Access tokens issued for a refresh token (app+user, silent).</param>
/// <param name="SignInsRefused">Token requests answered with an error other than <c>authorization_pending</c>.</param>
/// <param name="DeviceCodesIssued">Device codes handed out.</param>
/// <param name="DeviceCodePolls">Polls for a device code's approval, answered or pending.</param>
/// <param name="ApiTokensRefused">Requests to the orders API refused for their access token (401).</param>
public sealed record IdentityStats(
    int ClientSecretTokens,
    int ClientAssertionTokens,
    int DeviceCodeTokens,
    int RefreshTokenTokens,
    int SignInsRefused,
    int DeviceCodesIssued,
    int DeviceCodePolls,
    int ApiTokensRefused)
{
    /// <summary>Access tokens issued in all.</summary>
    public int TokensIssued => ClientSecretTokens + ClientAssertionTokens + DeviceCodeTokens + RefreshTokenTokens;
}
