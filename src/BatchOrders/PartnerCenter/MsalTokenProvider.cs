using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// Partner Center tokens from MSAL: app-only (certificate or secret, client credentials) or app+user (device code,
/// with the refresh token kept in a persistent cache so an unattended rerun needs no new sign-in). MSAL caches and
/// refreshes tokens itself; this asks it before every request.
/// </summary>
public sealed class MsalTokenProvider : ITokenProvider, IDisposable
{
    private readonly IConfidentialClientApplication? _appOnly;
    private readonly IPublicClientApplication? _user;
    private readonly Func<string, Task> _showDeviceCode;
    private readonly SemaphoreSlim _signIn = new(1, 1);

    private MsalTokenProvider(string description, IConfidentialClientApplication? appOnly, IPublicClientApplication? user, Func<string, Task> showDeviceCode)
    {
        Description = description;
        _appOnly = appOnly;
        _user = user;
        _showDeviceCode = showDeviceCode;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Builds the provider the settings describe; call <see cref="PartnerCenterSettings.MissingForLive"/> first.</summary>
    public static async Task<MsalTokenProvider> CreateAsync(PartnerCenterSettings settings, Func<string, Task> showDeviceCode)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.UseDeviceCode)
        {
            var app = PublicClientApplicationBuilder.Create(settings.ClientId).WithTenantId(settings.TenantId).WithDefaultRedirectUri().Build();
            var folder = settings.TokenCacheFolder ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "BatchOrders");
            var storage = new StorageCreationPropertiesBuilder("batchorders.msalcache.bin", folder)
                .WithLinuxUnprotectedFile()
                .WithMacKeyChain("BatchOrders", "MsalCache")
                .Build();
            var cache = await MsalCacheHelper.CreateAsync(storage);
            cache.RegisterCache(app.UserTokenCache);
            return new MsalTokenProvider(settings.DescribeSignIn(), null, app, showDeviceCode);
        }

        var builder = ConfidentialClientApplicationBuilder.Create(settings.ClientId).WithTenantId(settings.TenantId);
        builder = settings.CertificatePath is not null ? builder.WithCertificate(LoadFile(settings))
            : settings.CertificateThumbprint is not null ? builder.WithCertificate(LoadFromStore(settings.CertificateThumbprint))
            : builder.WithClientSecret(settings.ClientSecret);
        return new MsalTokenProvider(settings.DescribeSignIn(), builder.Build(), null, showDeviceCode);
    }

    /// <inheritdoc />
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await AcquireAsync(cancellationToken);
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

    private async Task<string> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_appOnly is not null)
        {
            var result = await _appOnly.AcquireTokenForClient([PartnerCenterSettings.AppOnlyScope]).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }

        await _signIn.WaitAsync(cancellationToken);
        try
        {
            string[] scopes = [PartnerCenterSettings.UserScope];
            var account = (await _user!.GetAccountsAsync()).FirstOrDefault();
            if (account is not null)
            {
                try
                {
                    return (await _user.AcquireTokenSilent(scopes, account).ExecuteAsync(cancellationToken)).AccessToken;
                }
                catch (MsalUiRequiredException)
                {
                    // The cached refresh token expired (90 days unused) or MFA is asked again: sign in anew.
                }
            }

            var signedIn = await _user.AcquireTokenWithDeviceCode(scopes, code => _showDeviceCode(code.Message)).ExecuteAsync(cancellationToken);
            return signedIn.AccessToken;
        }
        finally
        {
            _signIn.Release();
        }
    }

    /// <summary>The description, never a token or secret.</summary>
    public override string ToString() => Description;

    /// <summary>Releases the sign-in lock.</summary>
    public void Dispose() => _signIn.Dispose();

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

    private static X509Certificate2 LoadFromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException($"No certificate with thumbprint {thumbprint} is in the current user's or the machine's personal store.");
    }
}
