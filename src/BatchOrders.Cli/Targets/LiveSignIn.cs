using BatchOrders.PartnerCenter;

namespace BatchOrders.Cli.Targets;

/// <summary>Prepares the sign-in for <c>--target live</c>, or says in plain words what to configure (exit code 4).</summary>
internal static class LiveSignIn
{
    public static async Task<(MsalTokenProvider? Tokens, string? Problem)> PrepareAsync(PartnerCenterSettings settings, IAnsiConsole console)
    {
        var missing = settings.MissingForLive();
        if (missing.Count > 0)
        {
            return (null,
                "--target live needs Partner Center credentials, and some are not configured:\n  - " + string.Join("\n  - ", missing.Select(Instruction)) +
                "\nPut them in appsettings.json (section PartnerCenter) or in BATCHORDERS__PartnerCenter__… environment variables. Nothing was sent.");
        }

        try
        {
            var tokens = await MsalTokenProvider.CreateAsync(settings, message =>
            {
                console.MarkupLine(Markup.Escape(message));
                return Task.CompletedTask;
            });
            return (tokens, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or SignInException or ArgumentException)
        {
            return (null, $"Cannot prepare the sign-in to Partner Center: {ex.Message} Nothing was sent.");
        }
    }

    private static string Instruction(LiveSetting setting) => setting switch
    {
        LiveSetting.TenantId => "PartnerCenter:TenantId — your partner tenant (BATCHORDERS__PartnerCenter__TenantId, or --tenant)",
        LiveSetting.ClientId => "PartnerCenter:ClientId — the application id registered for Partner Center (BATCHORDERS__PartnerCenter__ClientId, or --client-id)",
        _ => "one way to sign in: PartnerCenter:CertificatePath (+ CertificatePassword) or PartnerCenter:CertificateThumbprint or PartnerCenter:ClientSecret for app-only, or --device-code for a partner user",
    };
}
