using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Cli.Targets;

/// <summary>
/// Where orders go for one run: the embedded sandbox (default; its state kept beside the journal so a rerun finds
/// the orders a stopped run created, as the real service would), live Partner Center with MSAL tokens, or any
/// compatible endpoint such as a standalone sandbox. Owns the HttpClient (from HttpClientFactory) and the sandbox.
/// </summary>
internal sealed class TargetConnection : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SandboxServer? _sandbox;
    private readonly IDisposable? _tokens;

    private TargetConnection(string name, string description, bool isRehearsal, ServiceProvider services, SandboxServer? sandbox, IDisposable? tokens)
    {
        Name = name;
        Description = description;
        IsRehearsal = isRehearsal;
        _services = services;
        _sandbox = sandbox;
        _tokens = tokens;
        Client = services.GetRequiredService<PartnerCenterClient>();
    }

    /// <summary>The journal's name for the target: sandbox, live, or the endpoint's address.</summary>
    public string Name { get; }

    /// <summary>The target in words for the screen.</summary>
    public string Description { get; }

    /// <summary>True unless orders are real.</summary>
    public bool IsRehearsal { get; }

    public PartnerCenterClient Client { get; }

    /// <summary>The target named by --target: sandbox (default), live, or an http(s) address.</summary>
    public static (string? Name, string? Problem) Resolve(string? target) =>
        (target ?? BatchJournal.SandboxTarget).Trim() switch
        {
            var t when t.Equals(BatchJournal.SandboxTarget, StringComparison.OrdinalIgnoreCase) => (BatchJournal.SandboxTarget, null),
            var t when t.Equals(BatchJournal.LiveTarget, StringComparison.OrdinalIgnoreCase) => (BatchJournal.LiveTarget, null),
            var t when Uri.TryCreate(t, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" => (uri.ToString(), null),
            var t => (null, $"--target must be sandbox, live or an http(s) address, not '{t}'."),
        };

    /// <summary>
    /// True when the run signs in with MSAL: --target live, or the address PartnerCenter:ApiBaseAddress names (how a
    /// rehearsed live batch is resumed: its journal is bound to that address).
    /// </summary>
    public static bool SignsIn(string targetName, PartnerCenterSettings settings) =>
        targetName == BatchJournal.LiveTarget
        || (settings.IsRehearsal
            && Uri.TryCreate(settings.ApiBaseAddress, UriKind.Absolute, out var api)
            && Uri.TryCreate(targetName, UriKind.Absolute, out var target)
            && string.Equals(api.ToString().TrimEnd('/'), target.ToString().TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The journal's name for the live path: live for Partner Center; for a rehearsal the API's address, so the
    /// journal of a rehearsal is never taken for one of real orders (a rerun live with it is refused).
    /// </summary>
    public static string LiveName(PartnerCenterSettings settings) =>
        settings.IsRehearsal ? settings.ApiAddress.ToString() : BatchJournal.LiveTarget;

    public static async Task<TargetConnection> OpenSandboxAsync(string journalPath, CancellationToken cancellationToken)
    {
        var statePath = Path.ChangeExtension(journalPath, null) + ".sandbox.db";
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { StatePath = statePath, RequestLogLevel = LogLevel.None }, cancellationToken);
        var tokens = new StaticTokenProvider("batchorders-embedded-sandbox", "the embedded sandbox");
        return new TargetConnection(BatchJournal.SandboxTarget, "the embedded SANDBOX — nothing is really ordered", true, Services(sandbox.BaseAddress, tokens, new PartnerCenterSettings()), sandbox, null);
    }

    public static TargetConnection OpenEndpoint(string address, PartnerCenterSettings settings)
    {
        var tokens = new StaticTokenProvider(settings.AccessToken ?? "batchorders-sandbox", settings.AccessToken is null ? "a placeholder token" : "PartnerCenter:AccessToken");
        return new TargetConnection(address, $"the endpoint {address} (a rehearsal — not Partner Center)", true, Services(new Uri(address), tokens, settings), null, null);
    }

    /// <summary>The live client, built the same way for Partner Center and for a rehearsal (PartnerCenter:ApiBaseAddress).</summary>
    public static TargetConnection OpenLive(MsalTokenProvider tokens, PartnerCenterSettings settings) =>
        settings.IsRehearsal
            ? new(LiveName(settings), $"the live path rehearsed against {settings.ApiAddress} (PartnerCenter:ApiBaseAddress) — not Partner Center", true, Services(settings.ApiAddress, tokens, settings), null, tokens)
            : new(BatchJournal.LiveTarget, "LIVE Partner Center — real orders", false, Services(settings.ApiAddress, tokens, settings), null, tokens);

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
            .ConfigurePrimaryHttpMessageHandler(() => PartnerCenterHttp.CreateHandler(settings));
        return services.BuildServiceProvider();
    }
}
