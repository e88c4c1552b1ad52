using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// The sandbox playing Microsoft Entra for one partner tenant, at the addresses MSAL derives from an authority
/// <c>https://host/{tenant}/</c>: <c>oauth2/v2.0/token</c>, <c>oauth2/v2.0/devicecode</c>, plus the OpenID Connect
/// discovery document and its keys. Operator endpoints under <c>/_sandbox/identity/</c> approve device codes and show
/// counts. It also checks the access tokens the orders API receives.
/// </summary>
internal sealed partial class IdentityProvider : IDisposable
{
    private readonly SandboxIdentityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LogLevel _logLevel;
    private readonly TokenIssuer _issuer;
    private readonly DeviceCodeBook _devices;
    private readonly TokenEndpoint _tokens;
    private Uri _baseAddress = null!;

    public IdentityProvider(SandboxIdentityOptions options, TimeProvider time, ILogger logger, LogLevel logLevel)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _logLevel = logLevel;
        _issuer = new TokenIssuer(options, time);
        _devices = new DeviceCodeBook(options, time);
        _tokens = new TokenEndpoint(options, _issuer, _devices, Stats);
        Certificate = options.HttpsCertificate ?? SandboxCertificate.CreateSelfSigned(TimeProvider.System);
    }

    /// <summary>The HTTPS certificate served, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public IdentityStatsCollector Stats { get; } = new();

    /// <summary>Called once the sandbox listens: the issuer and every endpoint address derive from its address.</summary>
    public void Start(Uri baseAddress)
    {
        _baseAddress = baseAddress;
        _issuer.Start(baseAddress);
        if (_options.HttpsCertificatePath is { } path)
        {
            SandboxCertificate.WritePem(Certificate, path);
        }
    }

    /// <summary>The partner key of an orders API request (its tenant), or why its token is refused.</summary>
    public (string? Tenant, string? Problem) CheckAccessToken(string token)
    {
        var checkedToken = _issuer.CheckAccessToken(token);
        if (checkedToken.Problem is not null)
        {
            Stats.ApiTokenRefused();
        }

        return checkedToken;
    }

    public void Map(WebApplication app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
            IsTenant(tenant) ? Results.Json(Discovery(tenant)) : Error(UnknownTenant(tenant)));
        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
            IsTenant(tenant) ? Results.Json(_issuer.KeySet()) : Error(UnknownTenant(tenant)));
        app.MapPost("/{tenant}/oauth2/v2.0/token", TokenAsync);
        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", DeviceCodeAsync);

        // Operator endpoints: the partner user's side of a device-code sign-in, and counts.
        app.MapGet("/_sandbox/identity/device", () => Results.Content(DeviceCodePage.Html(_devices.PendingUserCodes()), "text/html; charset=utf-8"));
        app.MapPost("/_sandbox/identity/approve", (Func<HttpContext, Task<IResult>>)ApproveAsync);
        app.MapGet("/_sandbox/identity/stats", () => Results.Json(Stats.Snapshot()));
    }

    public void Dispose()
    {
        _issuer.Dispose();
        if (_options.HttpsCertificate is null)
        {
            Certificate.Dispose();
        }
    }

    private async Task<IResult> TokenAsync(HttpContext http, string tenant)
    {
        if (!IsTenant(tenant))
        {
            return Error(UnknownTenant(tenant));
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var endpoint = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, http.Request.Path);
        var (tokens, error, grant) = _tokens.Handle(form, endpoint, _time.GetUtcNow());
        Log(_logger, _logLevel, grant, error is null ? "issued" : error.Error, error?.Code ?? 0);
        return tokens is not null ? NoStore(http, Results.Json(tokens)) : Error(error!);
    }

    private async Task<IResult> DeviceCodeAsync(HttpContext http, string tenant)
    {
        if (!IsTenant(tenant))
        {
            return Error(UnknownTenant(tenant));
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var problem = _tokens.CheckClientId(form["client_id"].ToString())
            ?? (TokenEndpoint.Scopes(form).SetEquals([TokenEndpoint.UserScope])
                ? null
                : IdentityError.InvalidScope(70011, $"The provided value for the input parameter 'scope' is not valid. A partner user signs in to Partner Center for {TokenEndpoint.UserScope}."));
        if (problem is not null)
        {
            Stats.SignInRefused();
            return Error(problem);
        }

        var (deviceCode, userCode) = _devices.Issue();
        Stats.DeviceCodeIssued();
        Stats.Remember(deviceCode);
        var page = new Uri(_baseAddress, "_sandbox/identity/device").ToString();
        Log(_logger, _logLevel, "devicecode", "issued", 0);
        return NoStore(http, Results.Json(new JsonObject
        {
            ["user_code"] = userCode,
            ["device_code"] = deviceCode,
            ["verification_uri"] = page,
            ["expires_in"] = (long)_options.DeviceCodeLifetime.TotalSeconds,
            ["interval"] = (long)_options.DeviceCodePollInterval.TotalSeconds,
            ["message"] = $"To sign in to the SANDBOX (a rehearsal, no Microsoft account), open the page {page} and enter the code {userCode} to authenticate.",
        }));
    }

    private async Task<IResult> ApproveAsync(HttpContext http)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var typed = form["user_code"].ToString() is { Length: > 0 } fromForm ? fromForm : http.Request.Query["user_code"].ToString();
        var approved = _devices.Approve(typed.Length > 0 ? typed : null);
        return Results.Json(new JsonObject { ["approved"] = approved }, statusCode: approved > 0 ? 200 : 404);
    }

    private bool IsTenant(string tenant) =>
        (Guid.TryParse(tenant, out var id) && id == _options.TenantId) || string.Equals(tenant, _options.TenantDomain, StringComparison.OrdinalIgnoreCase);

    private IdentityError UnknownTenant(string tenant)
    {
        Stats.SignInRefused();
        var shown = Guid.TryParse(tenant, out var id) ? id.ToString("D") : tenant.Length <= 64 ? tenant : "(a long name)";
        return IdentityError.InvalidRequest(90002, $"Tenant '{shown}' not found. The sandbox plays the tenant {_options.TenantId:D} ({_options.TenantDomain}).");
    }

    private JsonObject Discovery(string tenant)
    {
        var root = $"{_baseAddress}{tenant}/";
        return new JsonObject
        {
            ["issuer"] = _issuer.Issuer,
            ["token_endpoint"] = root + "oauth2/v2.0/token",
            ["device_authorization_endpoint"] = root + "oauth2/v2.0/devicecode",
            ["authorization_endpoint"] = root + "oauth2/v2.0/authorize",
            ["jwks_uri"] = root + "discovery/v2.0/keys",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt"),
            ["token_endpoint_auth_signing_alg_values_supported"] = new JsonArray("RS256", "PS256"),
            ["grant_types_supported"] = new JsonArray("client_credentials", TokenEndpoint.DeviceCodeGrant, "refresh_token"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "offline_access", TokenEndpoint.UserScope, TokenEndpoint.AppOnlyScope),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["claims_supported"] = new JsonArray("sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "tid", "preferred_username", "ver"),
            ["tenant_region_scope"] = "sandbox",
            ["cloud_instance_name"] = _baseAddress.Authority,
        };
    }

    private IResult Error(IdentityError error) =>
        Results.Json(error.ToJson(_time.GetUtcNow(), Guid.NewGuid()), statusCode: error.Status);

    private static IResult NoStore(HttpContext http, IResult result)
    {
        http.Response.Headers.CacheControl = "no-store, no-cache";
        http.Response.Headers.Pragma = "no-cache";
        return result;
    }

    [LoggerMessage(EventId = 10, Message = "identity {Grant} -> {Outcome} {Code}")]
    private static partial void Log(ILogger logger, LogLevel level, string grant, string outcome, int code);
}
