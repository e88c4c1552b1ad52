using BatchOrders.PartnerCenter;

namespace BatchOrders.Cli.Targets;

/// <summary>Prepares the sign-in for <c>--target live</c>, or says in plain words what to configure (exit code 4).</summary>
internal static class LiveSignIn
{
    public static Task<(MsalTokenProvider? Tokens, string? Problem)> PrepareAsync(PartnerCenterSettings settings, IAnsiConsole console) =>
        PrepareAsync(settings, message =>
        {
            console.MarkupLine(Markup.Escape(message));
            return Task.CompletedTask;
        });

    /// <summary>Prepares the sign-in; a device code's message goes to <paramref name="showDeviceCode"/> (the console, or the web page).</summary>
    public static async Task<(MsalTokenProvider? Tokens, string? Problem)> PrepareAsync(PartnerCenterSettings settings, Func<string, Task> showDeviceCode)
    {
        var missing = settings.MissingForLive();
        if (missing.Count > 0)
        {
            return (null,
                "--target live needs Partner Center credentials, and some are not configured:\n  - " + string.Join("\n  - ", missing.Select(m => Instruction(m, settings))) +
                "\nPut them in appsettings.json (section PartnerCenter) or in BATCHORDERS__PartnerCenter__… environment variables. Nothing was sent.");
        }

        try
        {
            var tokens = await MsalTokenProvider.CreateAsync(settings, showDeviceCode);
            return (tokens, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or SignInException or ArgumentException)
        {
            return (null, $"Cannot prepare the sign-in to Partner Center: {ex.Message} Nothing was sent.");
        }
    }

    /// <summary>
    /// Signs in before anything is sent: a device-code prompt comes before the progress display, and refused
    /// credentials stop the run with no order marked as sending. The problem in words, or null when signed in.
    /// </summary>
    public static async Task<string?> SignInAsync(MsalTokenProvider tokens, CancellationToken cancellationToken)
    {
        try
        {
            await tokens.GetTokenAsync(cancellationToken);
            return null;
        }
        catch (SignInException ex)
        {
            return $"{ex.Message} Check the credentials and the account's permissions. Nothing was sent.";
        }
    }

    private static string Instruction(LiveSetting setting, PartnerCenterSettings settings) => setting switch
    {
        LiveSetting.Authority => $"PartnerCenter:Authority (rehearsals only) must be an https:// address, not '{settings.Authority}'",
        LiveSetting.ApiBaseAddress => $"PartnerCenter:ApiBaseAddress (rehearsals only) must be an https:// address, not '{settings.ApiBaseAddress}'",
        LiveSetting.TrustedCertificate => $"PartnerCenter:TrustedCertificate (rehearsals only) names a file that does not exist: {settings.TrustedCertificate}",
        LiveSetting.TenantId => "PartnerCenter:TenantId — your partner tenant (BATCHORDERS__PartnerCenter__TenantId, or --tenant)",
        LiveSetting.ClientId => "PartnerCenter:ClientId — the application id registered for Partner Center (BATCHORDERS__PartnerCenter__ClientId, or --client-id)",
        _ => "one way to sign in: PartnerCenter:CertificatePath (+ CertificatePassword) or PartnerCenter:CertificateThumbprint or PartnerCenter:ClientSecret for app-only, or --device-code for a partner user",
    };
}
