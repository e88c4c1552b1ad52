using BatchOrders.PartnerCenter;
using BatchOrders.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Cli.Targets;

/// <summary>
/// The HTTP side of a run's <see cref="Target"/>: the embedded sandbox (its state kept beside the journal so a rerun
/// finds the orders a stopped run created, as the real service would), live Partner Center with MSAL tokens, or a
/// compatible endpoint such as a standalone sandbox. Owns the HttpClient (from HttpClientFactory) and the sandbox.
/// </summary>
internal sealed class TargetConnection : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SandboxServer? _sandbox;
    private readonly IDisposable? _tokens;

    private TargetConnection(Target target, string signIn, ServiceProvider services, SandboxServer? sandbox, IDisposable? tokens)
    {
        Target = target;
        SignIn = signIn;
        _services = services;
        _sandbox = sandbox;
        _tokens = tokens;
        Client = services.GetRequiredService<PartnerCenterClient>();
    }

    /// <summary>Where orders go.</summary>
    public Target Target { get; }

    /// <summary>How requests are signed in, in words (never a secret).</summary>
    public string SignIn { get; }

    public PartnerCenterClient Client { get; }

    /// <summary>
    /// True when the run signs in with MSAL: live, or the endpoint PartnerCenter:ApiBaseAddress names (a rehearsed
    /// live batch, resumed by the address its journal is bound to).
    /// </summary>
    public static bool SignsIn(Target target, PartnerCenterSettings settings) =>
        target.IsLive
        || (target.Address is { } address
            && settings.IsRehearsal
            && Uri.TryCreate(settings.ApiBaseAddress, UriKind.Absolute, out var api)
            && string.Equals(api.ToString().TrimEnd('/'), address.ToString().TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The target once the live path's settings are known: a rehearsal of the live path (PartnerCenter:ApiBaseAddress
    /// set) is the endpoint at that address, so its journal is never taken for one of real orders.
    /// </summary>
    public static Target Resolve(Target target, PartnerCenterSettings settings) =>
        target.IsLive && settings.IsRehearsal ? Target.Endpoint(settings.ApiAddress) : target;

    /// <summary>Connects to <paramref name="target"/>: live needs <paramref name="liveTokens"/>; the sandbox keeps its state beside the journal.</summary>
    public static async Task<TargetConnection> OpenAsync(Target target, string journalPath, PartnerCenterSettings settings, MsalTokenProvider? liveTokens, CancellationToken cancellationToken)
    {
        switch (target.Kind)
        {
            case TargetKind.Sandbox:
                var statePath = Path.ChangeExtension(journalPath, null) + ".sandbox.db";
                var sandbox = await SandboxServer.StartAsync(new SandboxOptions { StatePath = statePath, RequestLogLevel = LogLevel.None }, cancellationToken);
                var sandboxTokens = new StaticTokenProvider("batchorders-embedded-sandbox", "the embedded sandbox");
                return new TargetConnection(target, sandboxTokens.Description, Services(sandbox.BaseAddress, sandboxTokens, new PartnerCenterSettings()), sandbox, null);
            case TargetKind.Live:
                ArgumentNullException.ThrowIfNull(liveTokens);
                return new TargetConnection(target, liveTokens.Description, Services(settings.ApiAddress, liveTokens, settings), null, liveTokens);
            case TargetKind.Endpoint when liveTokens is not null:
                // A rehearsal of the live path: the live client exactly, pointed at PartnerCenter:ApiBaseAddress.
                return new TargetConnection(target, liveTokens.Description, Services(target.Address!, liveTokens, settings), null, liveTokens);
            default:
                var tokens = new StaticTokenProvider(settings.AccessToken ?? "batchorders-sandbox", settings.AccessToken is null ? "a placeholder token" : "PartnerCenter:AccessToken");
                return new TargetConnection(target, tokens.Description, Services(target.Address!, tokens, settings), null, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _tokens?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    private static ServiceProvider Services(Uri baseAddress, ITokenProvider tokens, PartnerCenterSettings settings)
    {
        var services = new ServiceCollection();
        services.AddHttpClient<PartnerCenterClient>(http =>
            {
                http.BaseAddress = baseAddress;

                // Time-outs belong to the resilience pipeline (per attempt and per order), not to HttpClient.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(() => new BearerTokenHandler(tokens))
            // Requests in flight are bounded by the submission's throttle gate (--max-in-flight), not by connections.
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = PartnerCenterHttp.CreateHandler(settings);
                handler.MaxConnectionsPerServer = int.MaxValue;
                return handler;
            });
        return services.BuildServiceProvider();
    }
}
