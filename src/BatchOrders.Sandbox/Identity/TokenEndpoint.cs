using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// <c>POST /{tenant}/oauth2/v2.0/token</c> for the grants MSAL uses against Partner Center: client credentials
/// (a client secret, or a certificate's client assertion), device code (polled until approved) and refresh token.
/// Answers as Microsoft Entra does, with its AADSTS error codes.
/// </summary>
internal sealed class TokenEndpoint(SandboxIdentityOptions options, TokenIssuer issuer, DeviceCodeBook devices, IdentityStatsCollector stats)
{
    /// <summary>The device-code grant as RFC 8628 names it.</summary>
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>The device-code grant as MSAL sends it to Microsoft Entra, which accepts both names.</summary>
    public const string EntraDeviceCodeGrant = "device_code";

    /// <summary>The app-only scope for Partner Center.</summary>
    public static readonly string AppOnlyScope = TokenIssuer.PartnerCenterAudience + "/.default";

    /// <summary>The app+user scope for Partner Center.</summary>
    public static readonly string UserScope = TokenIssuer.PartnerCenterAudience + "/" + TokenIssuer.UserImpersonation;

    /// <summary>The answer to one token request: a token response, or an <see cref="IdentityError"/>.</summary>
    public (JsonObject? Tokens, IdentityError? Error, string Grant) Handle(IFormCollection form, string tokenEndpointUrl, DateTimeOffset now)
    {
        string grant = form["grant_type"].ToString();
        if (string.IsNullOrEmpty(grant))
        {
            return Refuse(IdentityError.InvalidRequest(900144, "The request body must contain the following parameter: 'grant_type'."), "none");
        }

        if (CheckClientId(form["client_id"].ToString()) is { } clientError)
        {
            return Refuse(clientError, grant);
        }

        return grant switch
        {
            "client_credentials" => ClientCredentials(form, tokenEndpointUrl, now),
            DeviceCodeGrant or EntraDeviceCodeGrant => DeviceCode(form["device_code"].ToString()),
            "refresh_token" => RefreshToken(form),
            _ => Refuse(IdentityError.InvalidRequest(70003, "The app requested an unsupported grant type."), "unsupported"),
        };
    }

    /// <summary>Null when <paramref name="clientId"/> is the registered application.</summary>
    public IdentityError? CheckClientId(string clientId) =>
        string.IsNullOrEmpty(clientId)
            ? IdentityError.InvalidRequest(900144, "The request body must contain the following parameter: 'client_id'.")
            : !string.Equals(clientId, options.ClientId, StringComparison.OrdinalIgnoreCase)
                ? IdentityError.UnauthorizedClient(700016, $"Application with identifier '{Echo(clientId)}' was not found in the directory '{options.TenantDomain}'.")
                : null;

    private (JsonObject?, IdentityError?, string) ClientCredentials(IFormCollection form, string tokenEndpointUrl, DateTimeOffset now)
    {
        var assertion = form["client_assertion"].ToString();
        var secret = form["client_secret"].ToString();
        var grant = assertion.Length > 0 ? "client_assertion" : "client_secret";
        stats.Remember(assertion);
        stats.Remember(secret);
        if (!Scopes(form).SetEquals([AppOnlyScope]))
        {
            return Refuse(IdentityError.InvalidScope(70011,
                $"The provided value for the input parameter 'scope' is not valid. App-only sign-in to Partner Center asks for {AppOnlyScope}."), grant);
        }

        IdentityError? refused;
        if (assertion.Length > 0)
        {
            refused = form["client_assertion_type"].ToString() != ClientAssertion.JwtBearerType
                ? IdentityError.InvalidRequest(50027, $"The client_assertion_type must be {ClientAssertion.JwtBearerType}.")
                : options.ClientCertificate is not { } certificate
                    ? IdentityError.InvalidClient(700027, "No certificate is registered on the application to sign client assertions.")
                    : ClientAssertion.Check(assertion, certificate, options.ClientId, tokenEndpointUrl, now);
        }
        else if (secret.Length > 0)
        {
            refused = options.ClientSecret is { } expected && FixedTimeEquals(secret, expected)
                ? null
                : IdentityError.InvalidClient(7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{options.ClientId}'.");
        }
        else
        {
            refused = IdentityError.InvalidClient(7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        if (refused is not null)
        {
            return Refuse(refused, grant);
        }

        if (assertion.Length > 0)
        {
            stats.ClientAssertionToken();
        }
        else
        {
            stats.ClientSecretToken();
        }

        var token = issuer.IssueAppToken();
        stats.Remember(token);
        return (Answer(token, scope: null), null, grant);
    }

    private (JsonObject?, IdentityError?, string) DeviceCode(string deviceCode)
    {
        const string Grant = "device_code";
        stats.DeviceCodePolled();
        var result = devices.Poll(deviceCode);
        if (result == DeviceCodeBook.PollResult.Approved)
        {
            stats.DeviceCodeToken();
            return (UserTokens(), null, Grant);
        }

        var error = result switch
        {
            DeviceCodeBook.PollResult.Pending => IdentityError.AuthorizationPending,
            DeviceCodeBook.PollResult.Expired => IdentityError.ExpiredToken,
            DeviceCodeBook.PollResult.AlreadyRedeemed => IdentityError.InvalidGrant(54005,
                "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
            _ => IdentityError.InvalidGrant(70000, "The provided value for the 'device_code' is not valid."),
        };
        return result == DeviceCodeBook.PollResult.Pending ? (null, error, Grant) : Refuse(error, Grant);
    }

    private (JsonObject?, IdentityError?, string) RefreshToken(IFormCollection form)
    {
        const string Grant = "refresh_token";
        var refreshToken = form["refresh_token"].ToString();
        stats.Remember(refreshToken);
        if (!Scopes(form).Contains(UserScope))
        {
            return Refuse(IdentityError.InvalidScope(70011, $"The provided value for the input parameter 'scope' is not valid. App+user sign-in to Partner Center asks for {UserScope}."), Grant);
        }

        if (issuer.CheckRefreshToken(refreshToken) is { } problem)
        {
            return Refuse(IdentityError.InvalidGrant(700082, problem), Grant);
        }

        stats.RefreshTokenToken();
        return (UserTokens(), null, Grant);
    }

    /// <summary>The partner user's tokens: access, refresh and ID token, and MSAL's client_info.</summary>
    private JsonObject UserTokens()
    {
        var access = issuer.IssueUserToken();
        var refresh = issuer.IssueRefreshToken();
        var id = issuer.IssueIdToken();
        stats.Remember(access);
        stats.Remember(refresh);
        stats.Remember(id);
        var answer = Answer(access, UserScope);
        answer["refresh_token"] = refresh;
        answer["id_token"] = id;
        answer["client_info"] = issuer.ClientInfo();
        return answer;
    }

    private JsonObject Answer(string accessToken, string? scope)
    {
        var seconds = (long)options.AccessTokenLifetime.TotalSeconds;
        var answer = new JsonObject { ["token_type"] = "Bearer" };
        if (scope is not null)
        {
            answer["scope"] = scope;
        }

        answer["expires_in"] = seconds;
        answer["ext_expires_in"] = seconds;
        answer["access_token"] = accessToken;
        return answer;
    }

    private (JsonObject?, IdentityError?, string) Refuse(IdentityError error, string grant)
    {
        stats.SignInRefused();
        return (null, error, grant);
    }

    /// <summary>The requested scopes, as a set (MSAL adds offline_access, openid and profile to user requests).</summary>
    public static HashSet<string> Scopes(IFormCollection form) =>
        new(form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not ("offline_access" or "openid" or "profile")),
            StringComparer.OrdinalIgnoreCase);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    /// <summary>An application id echoed in an error; anything else is not, for it may be a secret put in the wrong field.</summary>
    private static string Echo(string clientId) => Guid.TryParse(clientId, out var id) ? id.ToString("D") : "(not an application id)";
}
