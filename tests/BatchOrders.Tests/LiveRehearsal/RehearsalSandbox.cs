using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BatchOrders.PartnerCenter;
using BatchOrders.Runs;
using BatchOrders.Sandbox;
using BatchOrders.Sandbox.Identity;
using BatchOrders.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Tests.LiveRehearsal;

/// <summary>The ways the live path signs in.</summary>
public enum SignIn
{
    ClientSecret,
    CertificateFile,
    CertificateThumbprint,
    DeviceCode,
}

/// <summary>
/// A sandbox playing the identity provider (HTTPS on 127.0.0.1, its certificate written to a file), with one
/// registered application holding a client secret and a certificate, and the live client's settings pointed at it.
/// </summary>
internal sealed class RehearsalSandbox : IAsyncDisposable
{
    public const string ClientSecret = "rehearsal-client-secret-2718";
    public const string CertificatePassword = "rehearsal-certificate-password-1618";

    private RehearsalSandbox(SandboxServer server, TempFolder folder, X509Certificate2 clientCertificate, string certificateFile, string clientCertificateFile)
    {
        Server = server;
        Folder = folder;
        ClientCertificate = clientCertificate;
        CertificateFile = certificateFile;
        ClientCertificateFile = clientCertificateFile;
    }

    public SandboxServer Server { get; }

    public TempFolder Folder { get; }

    /// <summary>The application's certificate, with its private key.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>The sandbox's HTTPS certificate (PEM), the file PartnerCenter:TrustedCertificate names.</summary>
    public string CertificateFile { get; }

    /// <summary>The application's certificate as a .pfx protected by <see cref="CertificatePassword"/>.</summary>
    public string ClientCertificateFile { get; }

    public string TokenCacheFolder => Folder.File("token-cache");

    public static async Task<RehearsalSandbox> StartAsync(TempFolder folder, Action<SandboxIdentityOptions>? configure = null, TimeProvider? time = null,
        ILoggerFactory? logs = null, string? clientSecret = ClientSecret, string? certificatePassword = CertificatePassword, string name = "sandbox")
    {
        var clientCertificate = CreateClientCertificate();
        var clientCertificateFile = folder.WriteBytes($"{name}-app.pfx", clientCertificate.Export(X509ContentType.Pkcs12, certificatePassword));
        var identity = new SandboxIdentityOptions
        {
            ClientSecret = clientSecret,
            ClientCertificate = X509CertificateLoader.LoadCertificate(clientCertificate.RawData),
            DeviceCodePollInterval = TimeSpan.Zero,
            DeviceCodeLifetime = TimeSpan.FromMinutes(2),
            HttpsCertificatePath = folder.File($"{name}-https.pem"),
        };
        configure?.Invoke(identity);
        var server = await SandboxServer.StartAsync(
            new SandboxOptions { Seed = 14, RequestsPerMinute = 0, Identity = identity, RequestLogLevel = logs is null ? LogLevel.None : LogLevel.Information },
            time ?? TimeProvider.System, logs ?? NullLoggerFactory.Instance);
        return new RehearsalSandbox(server, folder, clientCertificate, identity.HttpsCertificatePath, clientCertificateFile);
    }

    /// <summary>The live client's settings for a sign-in kind, with only the addresses and the trust pointed here.</summary>
    public PartnerCenterSettings Settings(SignIn signIn) => new()
    {
        TenantId = SandboxIdentityOptions.DefaultTenantId.ToString(),
        ClientId = SandboxIdentityOptions.DefaultClientId,
        ClientSecret = signIn == SignIn.ClientSecret ? ClientSecret : null,
        CertificatePath = signIn == SignIn.CertificateFile ? ClientCertificateFile : null,
        CertificatePassword = signIn == SignIn.CertificateFile ? CertificatePassword : null,
        CertificateThumbprint = signIn == SignIn.CertificateThumbprint ? ClientCertificate.Thumbprint : null,
        UseDeviceCode = signIn == SignIn.DeviceCode,
        TokenCacheFolder = TokenCacheFolder,
        Authority = Server.BaseAddress.ToString(),
        ApiBaseAddress = Server.BaseAddress.ToString(),
        TrustedCertificate = CertificateFile,
    };

    /// <summary>The same settings as the CLI reads them: BATCHORDERS__PartnerCenter__… environment variables.</summary>
    public Dictionary<string, string> Environment(SignIn signIn)
    {
        var settings = Settings(signIn);
        var environment = new Dictionary<string, string>
        {
            ["BATCHORDERS__PartnerCenter__TenantId"] = settings.TenantId!,
            ["BATCHORDERS__PartnerCenter__ClientId"] = settings.ClientId!,
            ["BATCHORDERS__PartnerCenter__TokenCacheFolder"] = settings.TokenCacheFolder!,
            ["BATCHORDERS__PartnerCenter__Authority"] = settings.Authority!,
            ["BATCHORDERS__PartnerCenter__ApiBaseAddress"] = settings.ApiBaseAddress!,
            ["BATCHORDERS__PartnerCenter__TrustedCertificate"] = settings.TrustedCertificate!,
        };
        foreach (var (key, value) in new[]
                 {
                     ("ClientSecret", settings.ClientSecret), ("CertificatePath", settings.CertificatePath),
                     ("CertificatePassword", settings.CertificatePassword), ("CertificateThumbprint", settings.CertificateThumbprint),
                 })
        {
            if (value is not null)
            {
                environment["BATCHORDERS__PartnerCenter__" + key] = value;
            }
        }

        return environment;
    }

    /// <summary>
    /// The fast retries with a bound on an attempt that only catches a hang. An attempt that first needs a token signs
    /// in inside its own time (TLS handshake, a signed client assertion, the identity endpoint): on a busy machine that
    /// took longer than the fast retries' 0.4 s, and the attempt was cancelled after the sign-in service had issued a
    /// token (one token more than the test counts) or, when sign-in is refused, left its order in flight (Sending)
    /// though nothing was sent. These tests are about signing in, not about hung requests.
    /// </summary>
    public static SubmissionOptions SignInRetries { get; } = Submission.SubmissionExactlyOnceTests.FastRetries with { AttemptTimeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Runs the batch of <paramref name="path"/> through the live client as submit wires it — MSAL tokens, the bearer
    /// handler, the settings' HTTP handler — bound, as submit binds a rehearsal of the live path, to the API's address.
    /// </summary>
    public static async Task<BatchRunOutcome> RunAsync(PartnerCenterSettings settings, ITokenProvider tokens, string path,
        SubmissionOptions? options = null, IProgress<SubmissionProgress>? progress = null)
    {
        var input = BatchInput.Load(path, cancellationToken: CancellationToken.None);
        var (run, problem) = BatchRun.Open(input, Target.Endpoint(settings.ApiAddress),
            new BatchRunOptions { Submission = options ?? SignInRetries, Random = new Random(14) });
        Assert.Null(problem);
        using (run)
        {
            using var http = new HttpClient(new BearerTokenHandler(tokens) { InnerHandler = PartnerCenterHttp.CreateHandler(settings) })
            {
                BaseAddress = settings.ApiAddress,
                Timeout = Timeout.InfiniteTimeSpan,
            };
            return await run!.SendAsync(new PartnerCenterClient(http), progress, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        ClientCertificate.Dispose();
    }

    private static X509Certificate2 CreateClientCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=BatchOrders rehearsal application", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
