using System.Security.Cryptography.X509Certificates;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// The sandbox as the identity provider of a rehearsal: one partner tenant, one registered application and one
/// partner user, signed in the ways MSAL signs in to Microsoft Entra (client secret, certificate assertion, device
/// code, refresh token). When set on <see cref="SandboxOptions.Identity"/>, the whole sandbox is served over HTTPS
/// and its orders API accepts only the access tokens it issued.
/// </summary>
public sealed class SandboxIdentityOptions
{
    /// <summary>The tenant id of the default rehearsal partner tenant.</summary>
    public static readonly Guid DefaultTenantId = new("5a2d1c9e-7b40-4f3a-9d61-0c8e4b2f7a15");

    /// <summary>The application id registered by default.</summary>
    public const string DefaultClientId = "0b7e3f52-1c4d-4e8a-a6f9-2d5c8b1e4a70";

    /// <summary>The partner tenant's id; tokens carry it as <c>tid</c>.</summary>
    public Guid TenantId { get; set; } = DefaultTenantId;

    /// <summary>The tenant's domain, accepted in the authority address instead of its id.</summary>
    public string TenantDomain { get; set; } = "sandbox.onmicrosoft.com";

    /// <summary>The application (client) id that may sign in.</summary>
    public string ClientId { get; set; } = DefaultClientId;

    /// <summary>The application's client secret; null refuses sign-in with a secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The application's certificate (public part is enough) that signs its client assertions; null refuses them.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>The partner user who signs in with a device code.</summary>
    public string UserName { get; set; } = "partner-admin@sandbox.onmicrosoft.com";

    /// <summary>How long an access token is valid (Microsoft Entra: 60 to 90 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token is valid (Microsoft Entra: 90 days unused).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long a device code waits to be approved.</summary>
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the client is told to poll for a device code's approval (whole seconds; 0 for tests).</summary>
    public TimeSpan DeviceCodePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Approves a device code by itself once this many polls were answered <c>authorization_pending</c> (a scripted
    /// partner user); null waits for <c>POST /_sandbox/identity/approve</c> or the approval page.
    /// </summary>
    public int? ApproveDeviceCodeAfterPolls { get; set; }

    /// <summary>The HTTPS certificate to serve, with its private key; null makes a self-signed one for 127.0.0.1.</summary>
    public X509Certificate2? HttpsCertificate { get; set; }

    /// <summary>Where to write the HTTPS certificate (PEM, public part only) for clients to trust; null writes none.</summary>
    public string? HttpsCertificatePath { get; set; }

    /// <summary>Every problem with these options, as plain sentences; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TenantId == Guid.Empty)
        {
            errors.Add("Identity.TenantId must be a tenant id (a GUID other than all zeros).");
        }

        if (string.IsNullOrWhiteSpace(TenantDomain) || TenantDomain.Contains('/', StringComparison.Ordinal))
        {
            errors.Add("Identity.TenantDomain must be a domain such as contoso.onmicrosoft.com.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            errors.Add("Identity.ClientId must name the application that may sign in.");
        }

        if (ClientSecret is not null && string.IsNullOrWhiteSpace(ClientSecret))
        {
            errors.Add("Identity.ClientSecret must not be blank; leave it unset to refuse sign-in with a secret.");
        }

        if (string.IsNullOrWhiteSpace(UserName))
        {
            errors.Add("Identity.UserName must name the partner user.");
        }

        CheckLifetime(errors, nameof(AccessTokenLifetime), AccessTokenLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        CheckLifetime(errors, nameof(RefreshTokenLifetime), RefreshTokenLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromDays(366));
        CheckLifetime(errors, nameof(DeviceCodeLifetime), DeviceCodeLifetime, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (DeviceCodePollInterval < TimeSpan.Zero || DeviceCodePollInterval > TimeSpan.FromMinutes(1) || DeviceCodePollInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add("Identity.DeviceCodePollInterval must be whole seconds between 0 and 60.");
        }

        if (ApproveDeviceCodeAfterPolls is < 0)
        {
            errors.Add($"Identity.ApproveDeviceCodeAfterPolls must be 0 or more; got {ApproveDeviceCodeAfterPolls}.");
        }

        if (HttpsCertificate is { HasPrivateKey: false })
        {
            errors.Add("Identity.HttpsCertificate must carry its private key to serve HTTPS.");
        }

        if (HttpsCertificatePath is not null && string.IsNullOrWhiteSpace(HttpsCertificatePath))
        {
            errors.Add("Identity.HttpsCertificatePath must name a file, or be left unset.");
        }

        return errors;
    }

    internal SandboxIdentityOptions Clone() => (SandboxIdentityOptions)MemberwiseClone();

    private static void CheckLifetime(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"Identity.{name} must be between {min} and {max}; got {value}.");
        }
    }
}
