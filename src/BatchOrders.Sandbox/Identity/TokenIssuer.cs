using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// Issues and checks the sandbox's tokens, all RS256 JWTs under one signing key made at start (so tokens of an earlier
/// sandbox, or of another one, are foreign): access tokens for Partner Center, ID tokens and refresh tokens for the
/// partner user. Times come from the sandbox's clock, so a test can make a token expire mid-batch.
/// </summary>
internal sealed class TokenIssuer : IDisposable
{
    /// <summary>The Partner Center API's audience, as Microsoft Entra writes it into access tokens.</summary>
    public const string PartnerCenterAudience = "https://api.partnercenter.microsoft.com";

    /// <summary>The delegated permission a partner user's token carries.</summary>
    public const string UserImpersonation = "user_impersonation";

    private const string RefreshTokenUse = "refresh";

    private readonly RSA _key = RSA.Create(2048);
    private readonly SandboxIdentityOptions _options;
    private readonly TimeProvider _time;

    public TokenIssuer(SandboxIdentityOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        KeyId = Convert.ToHexString(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()), 0, 8);
    }

    public string KeyId { get; }

    /// <summary>The <c>iss</c> of every token: the tenant's v2.0 issuer under the sandbox's address (set once started).</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The partner user's object id, stable for a tenant and user name.</summary>
    public string UserObjectId => StableGuid("user:" + _options.UserName);

    public void Start(Uri baseAddress) => Issuer = $"{baseAddress}{_options.TenantId:D}/v2.0";

    /// <summary>An app-only token: the application's own identity, no user.</summary>
    public string IssueAppToken() => Jwt.Sign(AccessClaims(StableGuid("app:" + _options.ClientId), scope: null), _key, KeyId);

    /// <summary>An app+user token for the partner user, with the <c>user_impersonation</c> permission.</summary>
    public string IssueUserToken() => Jwt.Sign(AccessClaims(UserObjectId, UserImpersonation), _key, KeyId);

    /// <summary>The partner user's ID token for the application (MSAL builds its account from it).</summary>
    public string IssueIdToken()
    {
        var claims = Standard(_options.ClientId, _options.AccessTokenLifetime);
        claims["oid"] = UserObjectId;
        claims["sub"] = UserObjectId;
        claims["name"] = "Sandbox partner admin";
        claims["preferred_username"] = _options.UserName;
        return Jwt.Sign(claims, _key, KeyId);
    }

    /// <summary>A refresh token for the partner user and the application.</summary>
    public string IssueRefreshToken()
    {
        var claims = Standard(_options.ClientId, _options.RefreshTokenLifetime);
        claims["token_use"] = RefreshTokenUse;
        claims["oid"] = UserObjectId;
        return Jwt.Sign(claims, _key, KeyId);
    }

    /// <summary>MSAL's <c>client_info</c>: the account's home ids (object id, tenant id), base64url JSON.</summary>
    public string ClientInfo() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject { ["uid"] = UserObjectId, ["utid"] = _options.TenantId.ToString("D") }.ToJsonString()));

    /// <summary>Why a refresh token is refused, or null when it is this sandbox's, for this application, and not expired.</summary>
    public string? CheckRefreshToken(string? token)
    {
        var jwt = Jwt.TryParse(token);
        return jwt is null || !jwt.IsSignedBy(_key) || jwt.Claim("iss") != Issuer || jwt.Claim("token_use") != RefreshTokenUse
            ? "The refresh token is malformed or was not issued by this tenant."
            : jwt.Claim("aud") != _options.ClientId ? "The refresh token was issued to another application."
            : jwt.TimeClaim("exp") is not { } expires || expires <= _time.GetUtcNow() ? "The refresh token has expired due to inactivity."
            : null;
    }

    /// <summary>
    /// Checks an access token as Partner Center would: this issuer's signature, the Partner Center audience, not
    /// expired, and an app-only identity or the <c>user_impersonation</c> permission. Gives the partner (tenant) the
    /// token speaks for, or why it is refused.
    /// </summary>
    public (string? Tenant, string? Problem) CheckAccessToken(string token)
    {
        var jwt = Jwt.TryParse(token);
        if (jwt is null || !jwt.IsSignedBy(_key) || jwt.Claim("iss") != Issuer)
        {
            return (null, "the access token was not issued by this partner's tenant");
        }

        if (jwt.Claim("aud") != PartnerCenterAudience)
        {
            return (null, "the access token is for another audience than the Partner Center API");
        }

        var now = _time.GetUtcNow();
        if (jwt.TimeClaim("exp") is not { } expires || expires <= now)
        {
            return (null, "the access token has expired");
        }

        if (jwt.TimeClaim("nbf") is { } notBefore && notBefore > now)
        {
            return (null, "the access token is not valid yet");
        }

        var isApp = jwt.Claim("idtyp") == "app";
        var scopes = (jwt.Claim("scp") ?? "").Split(' ');
        return isApp || scopes.Contains(UserImpersonation, StringComparer.Ordinal)
            ? (jwt.Claim("tid"), null)
            : (null, "the access token lacks the user_impersonation permission");
    }

    public void Dispose() => _key.Dispose();

    /// <summary>A GUID derived from a name and the tenant, so object ids stay the same across sandbox restarts.</summary>
    private string StableGuid(string name) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{_options.TenantId:D}/{name}")).AsSpan(0, 16)).ToString("D");

    private JsonObject AccessClaims(string objectId, string? scope)
    {
        var claims = Standard(PartnerCenterAudience, _options.AccessTokenLifetime);
        claims["appid"] = _options.ClientId;
        claims["azp"] = _options.ClientId;
        claims["oid"] = objectId;
        claims["sub"] = objectId;
        if (scope is null)
        {
            claims["idtyp"] = "app";
        }
        else
        {
            claims["scp"] = scope;
            claims["upn"] = _options.UserName;
        }

        return claims;
    }

    private JsonObject Standard(string audience, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow();
        return new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = Issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["tid"] = _options.TenantId.ToString("D"),
            ["ver"] = "2.0",
            ["uti"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
        };
    }

    /// <summary>The signing key as a JSON Web Key Set, for the discovery document's <c>jwks_uri</c>.</summary>
    public JsonObject KeySet()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            }),
        };
    }
}
