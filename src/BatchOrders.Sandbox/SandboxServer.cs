using System.Net;
using System.Security.Cryptography.X509Certificates;
using BatchOrders.Sandbox.Carts;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Faults;
using BatchOrders.Sandbox.Idempotency;
using BatchOrders.Sandbox.Identity;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Storage;
using BatchOrders.Sandbox.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Sandbox;

/// <summary>
/// The Partner Center orders and carts API sandbox: a Kestrel server on 127.0.0.1 that speaks the orders and
/// new-commerce cart wire formats, keeps a ledger of what it created, and injects seeded faults. Start it with <see cref="StartAsync(SandboxOptions, CancellationToken)"/>.
/// </summary>
public sealed partial class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxState _state;
    private readonly FaultPlan _faults;
    private readonly SandboxStatsCollector _stats;
    private readonly CartBook _carts;
    private readonly PartnerData _data;
    private readonly HashSet<string> _appOnlyTokens;
    private readonly Lock _stopLock = new();
    private Task? _stopping;

    private SandboxServer(WebApplication app, SandboxState state, FaultPlan faults, SandboxStatsCollector stats, CartBook carts, PartnerData data, int seed,
        IdentityProvider? identity, SandboxOptions options)
    {
        _app = app;
        _data = data;
        _appOnlyTokens = [.. options.AppOnlyTokens];
        Identity = identity;
        Certificate = identity is null ? null : X509CertificateLoader.LoadCertificate(identity.Certificate.RawData);
        _state = state;
        _faults = faults;
        _stats = stats;
        _carts = carts;
        Seed = seed;
        BaseAddress = null!;
    }

    /// <summary>Where the sandbox listens, e.g. <c>http://127.0.0.1:54321/</c>; API paths start with <c>v1/</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>The seed in use (chosen at start when the options gave none): pass it back to replay a run.</summary>
    public int Seed { get; }

    /// <summary>With <see cref="SandboxOptions.Identity"/>: the HTTPS certificate a client must trust (public part); else null.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The identity provider, when the sandbox plays one.</summary>
    internal IdentityProvider? Identity { get; }

    /// <summary>Starts a sandbox on the system clock, logging nowhere.</summary>
    public static Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, TimeProvider.System, NullLoggerFactory.Instance, cancellationToken);

    /// <summary>Starts a sandbox whose clock (throttling, storms, latency, retention, order status) and logging are given.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid sandbox options: " + string.Join(" ", errors), nameof(options));
        }

        options = options.Clone();
        var seed = options.Seed ?? Random.Shared.Next();
        ISandboxStore store = options.StatePath is null ? new InMemorySandboxStore() : new SqliteSandboxStore(options.StatePath);
        var state = new SandboxState(store);
        var identity = options.Identity is null ? null
            : new IdentityProvider(options.Identity, timeProvider, loggerFactory.CreateLogger("BatchOrders.Sandbox"), options.RequestLogLevel);
        try
        {
            state.Use(s =>
            {
                foreach (var existing in SandboxCatalog.Seeded.ExistingOrders.Where(o => !s.OrderExists(o.OrderId)))
                {
                    s.AppendOrder(existing, answer: null);
                }
            });

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = Environments.Production,
                Args = [],
            });

            // No appsettings.json, environment variables or ASPNETCORE_URLS of the host process: the sandbox is
            // configured by its options alone.
            builder.Configuration.Sources.Clear();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = SandboxPipeline.MaxBodyBytes;
                kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
                {
                    if (identity is not null)
                    {
                        listen.UseHttps(identity.Certificate);
                    }
                });
            });

            var app = builder.Build();
            var stats = new SandboxStatsCollector();
            var faults = new FaultPlan(options, seed, timeProvider);
            var orderIds = new OrderIdGenerator(seed, state.Use(s => s.CountLedgerEntries()));
            var data = PartnerData.Create(state, options, timeProvider);
            var carts = new CartBook(state, data.Catalog, data.Customers,
                new CartLineChecker(data.Catalog, state, data.Subscriptions, data.Promotions, data.Resellers), options, seed, orderIds, timeProvider);
            var pipeline = new SandboxPipeline(
                new BearerToken(options.RequiredToken, options.ForbiddenTokens, identity is null ? null : identity.CheckAccessToken),
                faults,
                new IdempotencyGate(state, options.IdempotencyRetention, timeProvider),
                new OrderBook(state, data.Catalog, data.Customers, data.Resellers, data.Subscriptions, options, orderIds, timeProvider),
                carts,
                data.Customers,
                options,
                stats,
                timeProvider,
                loggerFactory.CreateLogger("BatchOrders.Sandbox"),
                app.Lifetime.ApplicationStopping);
            var server = new SandboxServer(app, state, faults, stats, carts, data, seed, identity, options);
            server.MapEndpoints(pipeline);
            server.MapPartnerData(pipeline);
            identity?.Map(app);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            identity?.Start(server.BaseAddress);
            return server;
        }
        catch
        {
            state.Dispose();
            identity?.Dispose();
            throw;
        }
    }

    /// <summary>Counters of what the sandbox answered (also at <c>GET /_sandbox/stats</c>).</summary>
    public SandboxStats GetStats() => _stats.Snapshot();

    /// <summary>Every order and patch the sandbox committed, oldest first (also at <c>GET /_sandbox/ledger</c>).</summary>
    public IReadOnlyList<LedgerOrder> GetLedger(Guid? customerId = null) =>
        _state.Use(store => store.ReadLedger(customerId)).Where(o => o.Kind != LedgerOrder.ExistingKind).ToList();

    /// <summary>With <see cref="SandboxOptions.Identity"/>: what its identity provider did (also at <c>GET /_sandbox/identity/stats</c>).</summary>
    public IdentityStats? GetIdentityStats() => Identity?.Stats.Snapshot();

    /// <summary>The seeded decisions, in arrival order (also at <c>GET /_sandbox/faults</c>); the last 100,000 are kept.</summary>
    public IReadOnlyList<FaultDecision> GetFaultDecisions() => _faults.Decisions();

    /// <summary>Checkouts accepted and still running (see <see cref="SandboxOptions.CheckoutDuration"/>): tests await them.</summary>
    internal int CheckoutsInProgress => _carts.CheckoutsInProgress;

    /// <summary>Stops listening; hung and delayed requests are cut off rather than waited for.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            _stopping ??= StopCoreAsync(cancellationToken);
            return _stopping;
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (Ctrl+C in the CLI), then stops the sandbox.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopped.TrySetResult()))
        using (_app.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task;
        }

        await StopAsync(CancellationToken.None);
    }

    /// <summary>Stops the sandbox and closes its state.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _state.Dispose();
        Identity?.Dispose();
        Certificate?.Dispose();
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken) => await _app.StopAsync(cancellationToken);

    // Each route declares the operation family it is throttled as (see ThrottleFamilies): a route that declares none
    // is a read when it is a GET, so a new read route is throttled as a read without a word here.
    private void MapEndpoints(SandboxPipeline pipeline)
    {
        const string orders = "/v1/customers/{customerId}/orders";
        _app.MapPost(orders, http => pipeline.HandleAsync(http, OrderOperation.Create)).Throttled(ThrottleFamily.OrderWrites);
        _app.MapGet(orders, http => pipeline.HandleAsync(http, OrderOperation.List)).Throttled(ThrottleFamily.Reads);
        _app.MapPatch(orders + "/{orderId}", http => pipeline.HandleAsync(http, OrderOperation.Patch)).Throttled(ThrottleFamily.OrderWrites);
        _app.MapGet(orders + "/{orderId}", http => pipeline.HandleAsync(http, OrderOperation.Get)).Throttled(ThrottleFamily.Reads);
        const string carts = "/v1/customers/{customerId}/carts";
        _app.MapPost(carts, http => pipeline.HandleAsync(http, OrderOperation.CreateCart)).Throttled(ThrottleFamily.Carts);
        _app.MapGet(carts + "/{cartId}", http => pipeline.HandleAsync(http, OrderOperation.GetCart)).Throttled(ThrottleFamily.Reads);
        _app.MapPut(carts + "/{cartId}", http => pipeline.HandleAsync(http, OrderOperation.UpdateCart)).Throttled(ThrottleFamily.Carts);
        _app.MapPost(carts + "/{cartId}/checkout", http => pipeline.HandleAsync(http, OrderOperation.CheckoutCart)).Throttled(ThrottleFamily.Checkout);
        _app.MapFallback("/v1/{**path}", http => pipeline.HandleAsync(http, OrderOperation.Unknown));

        // Test and operator endpoints: no token, never throttled or faulted.
        _app.MapGet("/_sandbox/ledger", (HttpContext http) =>
        {
            Guid? customer = Guid.TryParse(http.Request.Query["customerId"], out var id) ? id : null;
            return Results.Json(GetLedger(customer), SandboxJson.Options);
        });
        _app.MapGet("/_sandbox/stats", () => Results.Json(GetStats(), SandboxJson.Options));
        _app.MapGet("/_sandbox/faults", () => Results.Json(GetFaultDecisions(), SandboxJson.Options));
    }
}
