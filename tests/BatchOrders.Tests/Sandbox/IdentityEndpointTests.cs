using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchOrders.PartnerCenter;
using BatchOrders.Sandbox;
using BatchOrders.Sandbox.Identity;
using BatchOrders.Tests.LiveRehearsal;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

/// <summary>The sandbox's identity endpoints spoken to directly, as MSAL speaks to Microsoft Entra, and its orders API's token checks.</summary>
public sealed class IdentityEndpointTests : IDisposable
{
    private static readonly string Tenant = SandboxIdentityOptions.DefaultTenantId.ToString();
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_discovery_document_names_the_endpoints_msal_derives_from_the_authority()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        using var http = Trusting(sandbox);
        var root = $"{sandbox.Server.BaseAddress}{Tenant}/";

        var byId = await http.GetFromJsonAsync<JsonElement>($"{Tenant}/v2.0/.well-known/openid-configuration");
        var byDomain = await http.GetFromJsonAsync<JsonElement>("sandbox.onmicrosoft.com/v2.0/.well-known/openid-configuration");
        var keys = await http.GetFromJsonAsync<JsonElement>(byId.GetProperty("jwks_uri").GetString());
        using var unknown = await http.GetAsync($"{Guid.NewGuid()}/v2.0/.well-known/openid-configuration");

        Assert.Equal(root + "oauth2/v2.0/token", byId.GetProperty("token_endpoint").GetString());
        Assert.Equal(root + "oauth2/v2.0/devicecode", byId.GetProperty("device_authorization_endpoint").GetString());
        Assert.Equal($"{root}v2.0", byId.GetProperty("issuer").GetString());
        Assert.Equal(byId.GetProperty("issuer").GetString(), byDomain.GetProperty("issuer").GetString());
        Assert.Equal("RSA", keys.GetProperty("keys")[0].GetProperty("kty").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.StartsWith("AADSTS90002:", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_is_refused_by_a_client_that_does_not_trust_the_sandbox_certificate()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        await using var other = await RehearsalSandbox.StartAsync(_folder, name: "other");
        using var untrusting = new HttpClient { BaseAddress = sandbox.Server.BaseAddress };
        using var trustingAnother = Trusting(other, sandbox.Server.BaseAddress);
        using var trusting = Trusting(sandbox);

        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("_sandbox/identity/stats"));
        await Assert.ThrowsAsync<HttpRequestException>(() => trustingAnother.GetAsync("_sandbox/identity/stats"));
        using var response = await trusting.GetAsync("_sandbox/identity/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File.ReadAllText(sandbox.CertificateFile).Trim(), sandbox.Server.Certificate!.ExportCertificatePem().Trim());
    }

    [Theory]
    [InlineData("valid", 200, 0)]
    [InlineData("another certificate", 401, 700027)]
    [InlineData("another audience", 401, 50027)]
    [InlineData("another issuer", 401, 700021)]
    [InlineData("expired", 401, 700024)]
    [InlineData("tampered", 401, 700027)]
    public async Task A_client_assertion_is_checked_against_the_registered_certificate(string variant, int status, int code)
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        using var http = Trusting(sandbox);
        var endpoint = $"{sandbox.Server.BaseAddress}{Tenant}/oauth2/v2.0/token";
        using var otherKey = RSA.Create(2048);
        using var ownKey = sandbox.ClientCertificate.GetRSAPrivateKey()!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = variant == "another audience" ? "https://login.microsoftonline.com/common/oauth2/v2.0/token" : endpoint,
            ["iss"] = variant == "another issuer" ? "someone-else" : SandboxIdentityOptions.DefaultClientId,
            ["sub"] = SandboxIdentityOptions.DefaultClientId,
            ["nbf"] = variant == "expired" ? now - 3600 : now,
            ["exp"] = variant == "expired" ? now - 1200 : now + 600,
            ["jti"] = Guid.NewGuid().ToString(),
        };
        var assertion = Assertion(claims, variant == "another certificate" ? otherKey : ownKey, sandbox.ClientCertificate.GetCertHash());
        if (variant == "tampered")
        {
            assertion = assertion[..^4] + (assertion[^4] == 'A' ? "B" : "A") + assertion[^3..];
        }

        using var response = await http.PostAsync($"{Tenant}/oauth2/v2.0/token", Form(
            ("grant_type", "client_credentials"), ("client_id", SandboxIdentityOptions.DefaultClientId), ("scope", "https://api.partnercenter.microsoft.com/.default"),
            ("client_assertion_type", ClientAssertion.JwtBearerType), ("client_assertion", assertion)));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 200)
        {
            Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
            Assert.False(body.TryGetProperty("refresh_token", out _));
        }
        else
        {
            Assert.Equal("invalid_client", body.GetProperty("error").GetString());
            Assert.Equal(code, body.GetProperty("error_codes")[0].GetInt32());
        }
    }

    [Fact]
    public async Task A_device_code_is_pending_until_approved_then_redeemed_once()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        using var http = Trusting(sandbox);
        var code = await DeviceCodeAsync(http);
        var poll = Form(("grant_type", "device_code"), ("client_id", SandboxIdentityOptions.DefaultClientId), ("device_code", code.GetProperty("device_code").GetString()!));

        var pending = await TokenAsync(http, poll);
        var page = await http.GetStringAsync("_sandbox/identity/device");
        using var approved = await http.PostAsync("_sandbox/identity/approve", Form(("user_code", code.GetProperty("user_code").GetString()!)));
        var tokens = await TokenAsync(http, poll);
        var again = await TokenAsync(http, poll);

        Assert.Equal("authorization_pending", pending.GetProperty("error").GetString());
        Assert.Contains(code.GetProperty("user_code").GetString()!, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("https://api.partnercenter.microsoft.com/user_impersonation", tokens.GetProperty("scope").GetString());
        foreach (var part in new[] { "access_token", "refresh_token", "id_token", "client_info" })
        {
            Assert.False(string.IsNullOrEmpty(tokens.GetProperty(part).GetString()), part);
        }

        Assert.Equal(54005, again.GetProperty("error_codes")[0].GetInt32());
    }

    [Fact]
    public async Task A_device_code_never_approved_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, time: clock);
        using var http = Trusting(sandbox);
        var code = await DeviceCodeAsync(http);

        clock.Advance(TimeSpan.FromMinutes(3));
        var expired = await TokenAsync(http, Form(("grant_type", TokenEndpoint.DeviceCodeGrant), ("client_id", SandboxIdentityOptions.DefaultClientId),
            ("device_code", code.GetProperty("device_code").GetString()!)));

        Assert.Equal("expired_token", expired.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_orders_api_accepts_only_unexpired_partner_center_tokens_it_issued_and_keys_the_partner_by_tenant()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o => o.ApproveDeviceCodeAfterPolls = 0, time: clock);
        using var http = Trusting(sandbox);
        var code = await DeviceCodeAsync(http);
        var user = await TokenAsync(http, Form(("grant_type", "device_code"), ("client_id", SandboxIdentityOptions.DefaultClientId), ("device_code", code.GetProperty("device_code").GetString()!)));
        var app = await TokenAsync(http, Form(("grant_type", "client_credentials"), ("client_id", SandboxIdentityOptions.DefaultClientId),
            ("scope", "https://api.partnercenter.microsoft.com/.default"), ("client_secret", RehearsalSandbox.ClientSecret)));
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();

        using var withUser = await PostAsync(http, user.GetProperty("access_token").GetString(), customer, requestId);
        using var withApp = await PostAsync(http, app.GetProperty("access_token").GetString(), customer, requestId);
        using var withIdToken = await PostAsync(http, user.GetProperty("id_token").GetString(), customer, Guid.NewGuid());
        using var withRefreshToken = await PostAsync(http, user.GetProperty("refresh_token").GetString(), customer, Guid.NewGuid());
        using var withAnyString = await PostAsync(http, "sandbox-test-token", customer, Guid.NewGuid());
        clock.Advance(TimeSpan.FromHours(1));
        using var expired = await PostAsync(http, app.GetProperty("access_token").GetString(), customer, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Created, withUser.StatusCode);
        // The same MS-RequestId under another token of the same partner tenant is a replay, not a second order.
        Assert.Equal(HttpStatusCode.Created, withApp.StatusCode);
        Assert.Single(sandbox.Server.GetLedger());
        foreach (var refused in new[] { withIdToken, withRefreshToken, withAnyString, expired })
        {
            await AssertErrorAsync(refused, 401, 401);
        }

        Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, sandbox.Server.GetIdentityStats()!.ApiTokensRefused);
    }

    [Theory]
    [InlineData("client_credentials", "https://graph.microsoft.com/.default", 70011)]
    [InlineData("client_credentials", "https://api.partnercenter.microsoft.com/user_impersonation", 70011)]
    [InlineData("password", "https://api.partnercenter.microsoft.com/.default", 70003)]
    public async Task Scopes_and_grants_other_than_partner_centers_are_refused(string grant, string scope, int code)
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        using var http = Trusting(sandbox);

        var refused = await TokenAsync(http, Form(("grant_type", grant), ("client_id", SandboxIdentityOptions.DefaultClientId), ("scope", scope), ("client_secret", RehearsalSandbox.ClientSecret)));

        Assert.Equal(code, refused.GetProperty("error_codes")[0].GetInt32());
    }

    [Fact]
    public void Identity_options_are_validated_with_the_sandbox_options()
    {
        var options = new SandboxOptions
        {
            RequiredToken = "fixed",
            Identity = new SandboxIdentityOptions { AccessTokenLifetime = TimeSpan.Zero, DeviceCodePollInterval = TimeSpan.FromMilliseconds(500) },
        };

        var errors = string.Join("\n", options.Validate());

        Assert.Contains("RequiredToken cannot be combined with Identity", errors, StringComparison.Ordinal);
        Assert.Contains("Identity.AccessTokenLifetime", errors, StringComparison.Ordinal);
        Assert.Contains("Identity.DeviceCodePollInterval", errors, StringComparison.Ordinal);
    }

    private static HttpClient Trusting(RehearsalSandbox sandbox, Uri? baseAddress = null) =>
        new(PartnerCenterHttp.CreateHandler(new PartnerCenterSettings { TrustedCertificate = sandbox.CertificateFile }))
        {
            BaseAddress = baseAddress ?? sandbox.Server.BaseAddress,
        };

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<JsonElement> DeviceCodeAsync(HttpClient http)
    {
        using var response = await http.PostAsync($"{Tenant}/oauth2/v2.0/devicecode", Form(
            ("client_id", SandboxIdentityOptions.DefaultClientId), ("scope", "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> TokenAsync(HttpClient http, HttpContent form)
    {
        using var response = await http.PostAsync($"{Tenant}/oauth2/v2.0/token", form);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string? token, string customer, Guid requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{customer}/orders")
        {
            Content = new StringContent(OrderBody("monthly", (0, E3, 1)), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("MS-RequestId", requestId.ToString());
        return await http.SendAsync(request);
    }

    /// <summary>An RS256 client assertion as other libraries write it: <c>x5t</c> is the certificate's SHA-1 thumbprint.</summary>
    private static string Assertion(JsonObject claims, RSA key, byte[] sha1Thumbprint)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["x5t"] = Base64Url.EncodeToString(sha1Thumbprint) };
        var signed = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return signed + "." + Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
