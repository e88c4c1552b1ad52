namespace BatchOrders.PartnerCenter;

/// <summary>
/// How to reach and sign in to Partner Center: from appsettings.json, then BATCHORDERS__PartnerCenter__… environment
/// variables, then the command line. Secrets (client secret, certificate password, access token) are accepted only
/// from the first two, never as arguments that other users could see in the process list, and never printed.
/// </summary>
public sealed class PartnerCenterSettings
{
    /// <summary>Partner Center's REST API.</summary>
    public const string LiveBaseAddress = "https://api.partnercenter.microsoft.com/";

    /// <summary>Microsoft Entra's sign-in service (the authority's host; the tenant is appended).</summary>
    public const string LiveAuthority = "https://login.microsoftonline.com/";

    /// <summary>The MSAL scope for app-only sign-in.</summary>
    public const string AppOnlyScope = "https://api.partnercenter.microsoft.com/.default";

    /// <summary>The MSAL scope for app+user sign-in.</summary>
    public const string UserScope = "https://api.partnercenter.microsoft.com/user_impersonation";

    /// <summary>The partner's Microsoft Entra tenant (GUID or domain).</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id registered for Partner Center.</summary>
    public string? ClientId { get; set; }

    /// <summary>App-only with a secret (a certificate is recommended instead).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>App-only with a certificate file (.pfx); its password in <see cref="CertificatePassword"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>: from settings or the environment only, never printed.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>App-only with a certificate from the current user's (or machine's) store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>App+user: a partner user signs in with a device code; the refresh token is cached for reruns.</summary>
    public bool UseDeviceCode { get; set; }

    /// <summary>Where the app+user token cache lives (default: the user's local application data).</summary>
    public string? TokenCacheFolder { get; set; }

    /// <summary>Tests turn this off to use the owner-only cache file even where the system offers a protected store.</summary>
    internal bool UseSystemTokenStore { get; set; } = true;

    /// <summary>For a URL target (a standalone sandbox): a fixed bearer token to send.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// For rehearsals and tests only: the sign-in service to use instead of <see cref="LiveAuthority"/>, such as a
    /// sandbox playing the identity provider (<c>https://127.0.0.1:5099/</c>); the tenant is appended.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>For rehearsals and tests only: the orders API to use instead of <see cref="LiveBaseAddress"/>.</summary>
    public string? ApiBaseAddress { get; set; }

    /// <summary>
    /// For rehearsals and tests only: a certificate file (PEM or DER) trusted for HTTPS besides the system's trusted
    /// roots, such as the one a sandbox writes; checks stay on for every other certificate.
    /// </summary>
    public string? TrustedCertificate { get; set; }

    /// <summary>True when the live path is pointed away from Microsoft (a rehearsal): nothing real is ordered.</summary>
    public bool IsRehearsal => !IsDefault(ApiBaseAddress, LiveBaseAddress);

    /// <summary>The sign-in service's address, with a trailing slash.</summary>
    internal Uri AuthorityAddress => WithSlash(Authority ?? LiveAuthority);

    /// <summary>The orders API's address, with a trailing slash.</summary>
    public Uri ApiAddress => WithSlash(ApiBaseAddress ?? LiveBaseAddress);

    /// <summary>What is configured, as a person would say it; never a secret.</summary>
    public string DescribeSignIn() =>
        UseDeviceCode ? "app+user sign-in with a device code"
        : CertificatePath is not null ? $"app-only sign-in with the certificate file {Path.GetFileName(CertificatePath)}"
        : CertificateThumbprint is not null ? $"app-only sign-in with the certificate {CertificateThumbprint}"
        : ClientSecret is not null ? "app-only sign-in with a client secret"
        : "no sign-in configured";

    /// <summary>What is missing for live use; empty when enough is configured.</summary>
    public IReadOnlyList<LiveSetting> MissingForLive()
    {
        var missing = new List<LiveSetting>();
        if (string.IsNullOrWhiteSpace(TenantId))
        {
            missing.Add(LiveSetting.TenantId);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            missing.Add(LiveSetting.ClientId);
        }

        if (!UseDeviceCode && ClientSecret is null && CertificatePath is null && CertificateThumbprint is null)
        {
            missing.Add(LiveSetting.SignIn);
        }

        // Tokens travel to both addresses: never over plain HTTP.
        if (Authority is not null && !IsHttpsAddress(Authority))
        {
            missing.Add(LiveSetting.Authority);
        }

        if (ApiBaseAddress is not null && !IsHttpsAddress(ApiBaseAddress))
        {
            missing.Add(LiveSetting.ApiBaseAddress);
        }

        if (TrustedCertificate is not null && !File.Exists(TrustedCertificate))
        {
            missing.Add(LiveSetting.TrustedCertificate);
        }

        return missing;
    }

    private static bool IsHttpsAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query);

    private static bool IsDefault(string? value, string live) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && WithSlash(uri.ToString()) == new Uri(live));

    private static Uri WithSlash(string address) => new(address.EndsWith('/') ? address : address + "/");

    /// <summary>Redacted on purpose: settings objects end up in logs and exception messages.</summary>
    public override string ToString() => $"PartnerCenterSettings(tenant {TenantId ?? "-"}, client {ClientId ?? "-"}, {DescribeSignIn()}, api {ApiBaseAddress ?? LiveBaseAddress})";
}
