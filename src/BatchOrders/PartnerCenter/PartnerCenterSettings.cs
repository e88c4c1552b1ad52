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

    /// <summary>For a URL target (a standalone sandbox): a fixed bearer token to send.</summary>
    public string? AccessToken { get; set; }

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

        return missing;
    }

    /// <summary>Redacted on purpose: settings objects end up in logs and exception messages.</summary>
    public override string ToString() => $"PartnerCenterSettings(tenant {TenantId ?? "-"}, client {ClientId ?? "-"}, {DescribeSignIn()})";
}
