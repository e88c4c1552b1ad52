using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using BatchOrders.Web.Batches;
using BatchOrders.Web.Endpoints;
using BatchOrders.Web.Security;
using BatchOrders.Web.Sending;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Web;

/// <summary>
/// The local web page (<c>batchorders serve</c>): ASP.NET Core on 127.0.0.1 only, server-rendered pages over the same
/// library as the CLI (docs/ARCHITECTURE.md, "Hosts"). Start it with <see cref="StartAsync"/>; <see cref="Address"/>
/// is the address to open, with this start's token.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServeHost(WebApplication app, StartToken token, ServeAddress address)
    {
        _app = app;
        Token = token;
        ServeAddress = address;
    }

    /// <summary>This start's token.</summary>
    public StartToken Token { get; }

    /// <summary>The page's own address, without the token.</summary>
    public Uri BaseAddress => new(ServeAddress.Origin + "/");

    /// <summary>The address to open: the page with this start's token, which it exchanges for a session cookie.</summary>
    public Uri Address => new(BaseAddress, "/?token=" + Token.Value);

    /// <summary>The services of the page (tests read the runs and the working folder through them).</summary>
    public IServiceProvider Services => _app.Services;

    internal ServeAddress ServeAddress { get; }

    /// <summary>The web application, for tests that run it on an in-memory server.</summary>
    internal WebApplication App => _app;

    /// <summary>
    /// Starts the page. <paramref name="configure"/> lets a test replace the server (an in-memory test server); the
    /// port is then <see cref="ServeOptions.Port"/>.
    /// </summary>
    public static async Task<ServeHost> StartAsync(ServeOptions options, ITargetConnector targets, ILoggerFactory? logging = null,
        Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(targets);
        OptionsValidator.ThrowIfInvalid(options);
        logging ??= NullLoggerFactory.Instance;
        var token = new StartToken();
        var address = new ServeAddress();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ServeHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            Args = [],
        });

        // Configured by its options alone: no appsettings, environment variables or ASPNETCORE_URLS of the process.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + PageGuards.FormOverheadBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        builder.Services.AddRazorComponents();

        // Names such as "Müller" and the page's own dashes as they are, not as numeric entities (HTML-encoded all the same).
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = token.AntiforgeryCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.None;
            o.FormFieldName = "form-token";
            o.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxUploadBytes + PageGuards.FormOverheadBytes);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(token);
        builder.Services.AddSingleton(address);
        builder.Services.AddSingleton(targets);
        builder.Services.AddSingleton(new BatchStore(options.Folder, options.Time));
        builder.Services.AddSingleton<BatchDesk>(sp => new BatchDesk(sp.GetRequiredService<BatchStore>(), time: options.Time));
        builder.Services.AddSingleton(sp => new RunCoordinator(
            sp.GetRequiredService<BatchDesk>(), targets, options.Submission, options.Time, logging.CreateLogger("BatchOrders.Web")));
        builder.Services.AddSingleton<PageGuards>();
        builder.Services.AddSingleton<PageServices>();
        configure?.Invoke(builder);

        var app = builder.Build();
        var guards = app.Services.GetRequiredService<PageGuards>();
        app.Use((context, next) => guards.InvokeAsync(context, next));
        PageEndpoints.Map(app);
        ActionEndpoints.Map(app);
        FileEndpoints.Map(app);

        // Runs stop (as Ctrl+C) and write their state before the server goes.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<RunCoordinator>().DisposeAsync().AsTask().GetAwaiter().GetResult());

        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        address.Listening(bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out var uri) ? uri.Port : options.Port);
        return new ServeHost(app, token, address);
    }

    /// <summary>Waits until the page is stopped (<paramref name="cancellationToken"/>: Ctrl+C; or SIGTERM), then stops it.</summary>
    public async Task RunUntilStoppedAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop below.
        }

        await _app.StopAsync(CancellationToken.None);
    }

    /// <summary>Stops the page (runs stop first) and releases it.</summary>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
