using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// Partner Center tokens from MSAL: app-only (certificate or secret, client credentials) or app+user (device code,
/// with the refresh token kept in a persistent cache so an unattended rerun needs no new sign-in). MSAL caches and
/// refreshes tokens itself; this asks it before every request, and for a fresh token when Partner Center refuses
/// one MSAL still held valid.
/// </summary>
public sealed class MsalTokenProvider : ITokenProvider, IDisposable
{
    private readonly IConfidentialClientApplication? _appOnly;
    private readonly IPublicClientApplication? _user;
    private readonly Func<string, Task> _showDeviceCode;
    private readonly MsalHttpClientFactory? _http;
    private readonly SemaphoreSlim _signIn = new(1, 1);
    private readonly SemaphoreSlim _renew = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task<AuthenticationResult>? _deviceCodeSignIn;
    private string? _renewed;

    private MsalTokenProvider(string description, IConfidentialClientApplication? appOnly, IPublicClientApplication? user, Func<string, Task> showDeviceCode, MsalHttpClientFactory? http)
    {
        Description = description;
        _appOnly = appOnly;
        _user = user;
        _showDeviceCode = showDeviceCode;
        _http = http;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Builds the provider the settings describe; call <see cref="PartnerCenterSettings.MissingForLive"/> first.</summary>
    public static async Task<MsalTokenProvider> CreateAsync(PartnerCenterSettings settings, Func<string, Task> showDeviceCode)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var http = settings.TrustedCertificate is null ? null : new MsalHttpClientFactory(settings);
        try
        {
            if (settings.UseDeviceCode)
            {
                var app = Configure(PublicClientApplicationBuilder.Create(settings.ClientId), settings, http).WithDefaultRedirectUri().Build();
                var cache = await TokenCacheStore.OpenAsync(settings.TokenCacheFolder ?? TokenCacheStore.DefaultFolder, settings.UseSystemTokenStore);
                cache.Register(app.UserTokenCache);
                return new MsalTokenProvider($"{Describe(settings)}; the sign-in is kept {cache.Protection}", null, app, showDeviceCode, http);
            }

            var builder = Configure(ConfidentialClientApplicationBuilder.Create(settings.ClientId), settings, http);
            builder = settings.CertificatePath is not null ? builder.WithCertificate(LoadFile(settings))
                : settings.CertificateThumbprint is not null ? builder.WithCertificate(LoadFromStore(settings.CertificateThumbprint))
                : builder.WithClientSecret(settings.ClientSecret);
            return new MsalTokenProvider(Describe(settings), builder.Build(), null, showDeviceCode, http);
        }
        catch
        {
            http?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => SignInAsync(forceRefresh: false, cancellationToken);

    /// <summary>
    /// After Partner Center refused <paramref name="rejectedToken"/> (expired early, clock skew): a token from the
    /// identity service, not MSAL's cache. Workers refused at the same moment share one renewal, and a token that
    /// was itself a renewal is not renewed again: the service refusing a fresh token is not an expiry a new one mends.
    /// </summary>
    public async ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _renew.WaitAsync(cancellationToken);
        try
        {
            var current = await SignInAsync(forceRefresh: false, cancellationToken);
            if (current != rejectedToken)
            {
                return current;
            }

            if (rejectedToken == _renewed)
            {
                return null;
            }

            var fresh = await SignInAsync(forceRefresh: true, cancellationToken);
            if (fresh == rejectedToken)
            {
                return null;
            }

            _renewed = fresh;
            return fresh;
        }
        finally
        {
            _renew.Release();
        }
    }

    /// <summary>The description, never a token or secret.</summary>
    public override string ToString() => Description;

    /// <summary>Releases the sign-in locks and the sign-in service's HTTP client.</summary>
    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
        _signIn.Dispose();
        _renew.Dispose();
        _http?.Dispose();
    }

    /// <summary>
    /// Microsoft's sign-in service by default, exactly as before. A rehearsal's authority is another host: MSAL's
    /// instance discovery (which asks login.microsoftonline.com about the host, and validates it) is switched off,
    /// and MSAL derives {authority}/{tenant}/oauth2/v2.0/token and …/devicecode from it.
    /// </summary>
    private static T Configure<T>(T builder, PartnerCenterSettings settings, MsalHttpClientFactory? http)
        where T : AbstractApplicationBuilder<T>
    {
        builder = settings.Authority is null
            ? builder.WithTenantId(settings.TenantId)
            : builder.WithAuthority(settings.AuthorityAddress.ToString(), settings.TenantId, validateAuthority: false).WithInstanceDiscovery(false);
        return http is null ? builder : builder.WithHttpClientFactory(http);
    }

    private static string Describe(PartnerCenterSettings settings) =>
        settings.Authority is null ? settings.DescribeSignIn() : $"{settings.DescribeSignIn()} at {settings.AuthorityAddress} (PartnerCenter:Authority)";

    private async ValueTask<string> SignInAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        try
        {
            return await AcquireAsync(forceRefresh, cancellationToken);
        }
        catch (MsalException ex)
        {
            // MSAL's error code and message name the problem (AADSTS…) without the secret; the inner exception stays for debugging.
            throw new SignInException($"Sign-in to Partner Center failed ({ex.ErrorCode}): {FirstLine(ex.Message)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SignInException($"Sign-in to Partner Center failed: the identity service could not be reached ({ex.HttpRequestError}).", ex);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>One at a time: MSAL does not merge concurrent cache misses, and every worker would sign in at the start.</summary>
    private async Task<string> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        Task<AuthenticationResult> deviceCode;
        await _signIn.WaitAsync(cancellationToken);
        try
        {
            if (_appOnly is not null)
            {
                return (await _appOnly.AcquireTokenForClient([PartnerCenterSettings.AppOnlyScope]).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken)).AccessToken;
            }

            string[] scopes = [PartnerCenterSettings.UserScope];
            var account = (await _user!.GetAccountsAsync()).FirstOrDefault();
            if (account is not null)
            {
                try
                {
                    return (await _user.AcquireTokenSilent(scopes, account).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken)).AccessToken;
                }
                catch (MsalUiRequiredException)
                {
                    // The cached refresh token expired (90 days unused) or MFA is asked again: sign in anew.
                }
            }

            // A person takes minutes to approve a device code, longer than one request waits: the sign-in outlives the
            // request that started it (until this provider is disposed), and later requests wait for the same code.
            deviceCode = _deviceCodeSignIn ??= _user.AcquireTokenWithDeviceCode(scopes, code => _showDeviceCode(code.Message)).ExecuteAsync(_closing.Token);
        }
        finally
        {
            _signIn.Release();
        }

        try
        {
            return (await deviceCode.WaitAsync(cancellationToken)).AccessToken;
        }
        finally
        {
            // Done (signed in, so the next call is silent; or failed, so the next call asks anew): forget it.
            if (deviceCode.IsCompleted)
            {
                _ = Interlocked.CompareExchange(ref _deviceCodeSignIn, null, deviceCode);
            }
        }
    }

    private static X509Certificate2 LoadFile(PartnerCenterSettings settings)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath!, settings.CertificatePassword);
        }
        catch (CryptographicException)
        {
            // The loader's message may echo details of the file; the password never appears, and neither does more here.
            throw new InvalidOperationException($"The certificate {Path.GetFileName(settings.CertificatePath)} cannot be opened: check the file and PartnerCenter:CertificatePassword.");
        }
    }

    /// <summary>The current user's personal store, then (Windows only: .NET on Linux and macOS has no machine personal store) the machine's.</summary>
    private static X509Certificate2 LoadFromStore(string thumbprint)
    {
        StoreLocation[] locations = OperatingSystem.IsWindows() ? [StoreLocation.CurrentUser, StoreLocation.LocalMachine] : [StoreLocation.CurrentUser];
        foreach (var location in locations)
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException(OperatingSystem.IsWindows()
            ? $"No certificate with thumbprint {thumbprint} is in the current user's or the machine's personal store."
            : $"No certificate with thumbprint {thumbprint} is in the current user's personal store (on this system .NET keeps it under ~/.dotnet/corefx/cryptography/x509stores/my); or use PartnerCenter:CertificatePath.");
    }
}
