using System.ComponentModel;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BatchOrders.Sandbox.Identity;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// The <c>batchorders sandbox</c> options that make the sandbox also play the identity provider, for rehearsing the
/// live path (<c>--target live</c> with PartnerCenter:Authority, ApiBaseAddress and TrustedCertificate pointed at it).
/// The application's client secret is read from BATCHORDERS_SANDBOX_CLIENT_SECRET, never from an argument.
/// </summary>
internal class SandboxIdentitySettings : CommandSettings
{
    /// <summary>The environment variable holding the rehearsal application's client secret.</summary>
    public const string ClientSecretVariable = "BATCHORDERS_SANDBOX_CLIENT_SECRET";

    /// <summary>The environment variable holding the password of a .pfx given to --client-certificate.</summary>
    public const string ClientCertificatePasswordVariable = "BATCHORDERS_SANDBOX_CLIENT_CERTIFICATE_PASSWORD";

    [CommandOption("--identity")]
    [Description("Also play the identity provider (Microsoft Entra) for a rehearsal of --target live: served over HTTPS, only its own tokens accepted.")]
    public bool Identity { get; init; }

    [CommandOption("--https-certificate <FILE>")]
    [Description("With --identity: where to write the sandbox's HTTPS certificate for clients to trust (default batchorders-sandbox.pem).")]
    public string HttpsCertificate { get; init; } = "batchorders-sandbox.pem";

    [CommandOption("--tenant-id <GUID>")]
    [Description("With --identity: the partner tenant's id (default 5a2d1c9e-7b40-4f3a-9d61-0c8e4b2f7a15; its domain is sandbox.onmicrosoft.com).")]
    public Guid? TenantId { get; init; }

    [CommandOption("--client-id <ID>")]
    [Description("With --identity: the application id allowed to sign in (default 0b7e3f52-1c4d-4e8a-a6f9-2d5c8b1e4a70). Its secret: BATCHORDERS_SANDBOX_CLIENT_SECRET.")]
    public string? ClientId { get; init; }

    [CommandOption("--client-certificate <FILE>")]
    [Description("With --identity: the application's certificate (.cer, .pem, or .pfx with BATCHORDERS_SANDBOX_CLIENT_CERTIFICATE_PASSWORD) that signs its client assertions.")]
    public string? ClientCertificate { get; init; }

    [CommandOption("--token-lifetime <MINUTES>")]
    [Description("With --identity: how long an access token is valid (default 60).")]
    public int TokenLifetimeMinutes { get; init; } = 60;

    [CommandOption("--approve-after <POLLS>")]
    [Description("With --identity: approve a device-code sign-in by itself after this many polls (default: wait for the approval page).")]
    public int? ApproveAfterPolls { get; init; }

    /// <summary>The identity provider's options, or null without --identity; a certificate that cannot be read is named in <paramref name="problem"/>.</summary>
    public SandboxIdentityOptions? ToIdentityOptions(out string? problem)
    {
        problem = null;
        if (!Identity)
        {
            return null;
        }

        var options = new SandboxIdentityOptions
        {
            ClientSecret = Environment.GetEnvironmentVariable(ClientSecretVariable) is { Length: > 0 } secret ? secret : null,
            AccessTokenLifetime = TimeSpan.FromMinutes(TokenLifetimeMinutes),
            ApproveDeviceCodeAfterPolls = ApproveAfterPolls,
            HttpsCertificatePath = HttpsCertificate,
        };
        options.TenantId = TenantId ?? options.TenantId;
        options.ClientId = ClientId ?? options.ClientId;
        if (ClientCertificate is not null)
        {
            options.ClientCertificate = LoadClientCertificate(ClientCertificate, out problem);
        }

        return options;
    }

    private static X509Certificate2? LoadClientCertificate(string path, out string? problem)
    {
        problem = null;
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException)
        {
            // Not a plain certificate: a .pfx, whose public part is all the sandbox needs.
        }
        catch (IOException e)
        {
            problem = $"--client-certificate: {e.Message}";
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, Environment.GetEnvironmentVariable(ClientCertificatePasswordVariable));
        }
        catch (CryptographicException)
        {
            problem = $"--client-certificate {Path.GetFileName(path)} is neither a certificate (.cer, .pem) nor a .pfx that opens with {ClientCertificatePasswordVariable}.";
            return null;
        }
    }
}
