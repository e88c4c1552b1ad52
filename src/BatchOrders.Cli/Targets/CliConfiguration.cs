using BatchOrders.PartnerCenter;
using Microsoft.Extensions.Configuration;

namespace BatchOrders.Cli.Targets;

/// <summary>
/// Settings in their order of precedence, lowest first: appsettings.json beside the program, appsettings.json
/// in the current folder, BATCHORDERS__… environment variables, then the command line.
/// </summary>
internal static class CliConfiguration
{
    public static IConfiguration Load() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("BATCHORDERS__")
            .Build();

    public static PartnerCenterSettings PartnerCenter(IConfiguration configuration, string? tenant, string? clientId, string? certificate, string? thumbprint, bool deviceCode)
    {
        var settings = configuration.GetSection("PartnerCenter").Get<PartnerCenterSettings>() ?? new PartnerCenterSettings();
        settings.TenantId = tenant ?? settings.TenantId;
        settings.ClientId = clientId ?? settings.ClientId;
        settings.CertificatePath = certificate ?? settings.CertificatePath;
        settings.CertificateThumbprint = thumbprint ?? settings.CertificateThumbprint;
        settings.UseDeviceCode |= deviceCode;
        return settings;
    }
}
