using System.ComponentModel;
using System.Globalization;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Cli.Commands;

/// <summary><c>batchorders sandbox</c>: runs the Partner Center sandbox on its own until Ctrl+C.</summary>
internal sealed class SandboxCommand(IAnsiConsole console) : AsyncCommand<SandboxCommand.Settings>
{
    public sealed class Settings : SandboxIdentitySettings
    {
        [CommandOption("--port <N>")]
        [Description("Port on 127.0.0.1 (default 0: a free port, printed at start).")]
        public int Port { get; init; }

        [CommandOption("--state <FILE>")]
        [Description("SQLite file for the ledger and idempotency store, so they survive a restart (default: in memory).")]
        public string? State { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seed of every fault decision and id; the seed in use is printed, pass it again to replay a run.")]
        public int? Seed { get; init; }

        [CommandOption("--rate-limit <PER_MINUTE>")]
        [Description("Order writes (create, add-on PATCH) per minute per partner token (default 500; 0 = unlimited); the other families' default.")]
        public int RateLimit { get; init; } = SandboxOptions.DefaultRequestsPerMinute;

        [CommandOption("--cart-rate-limit <PER_MINUTE>")]
        [Description("Cart creations and updates per minute, on their own window (default: as --rate-limit; 0 = unlimited).")]
        public int? CartRateLimit { get; init; }

        [CommandOption("--checkout-rate-limit <PER_MINUTE>")]
        [Description("Checkouts per minute, on their own window (default: as --rate-limit; 0 = unlimited).")]
        public int? CheckoutRateLimit { get; init; }

        [CommandOption("--read-rate-limit <PER_MINUTE>")]
        [Description("Reads (orders, carts, customers, subscriptions, catalog…) per minute, on their own window (default: as --rate-limit; 0 = unlimited).")]
        public int? ReadRateLimit { get; init; }

        [CommandOption("--per-customer <FAMILY>")]
        [Description("Keep this family's window per partner and customer instead of per partner: orders, carts, checkout or reads (repeatable).")]
        public string[] PerCustomer { get; init; } = [];

        [CommandOption("--latency <MS>")]
        [Description("Mean added latency per request in milliseconds (default 0).")]
        public int LatencyMs { get; init; }

        [CommandOption("--latency-jitter <MS>")]
        [Description("Latency is drawn uniformly from mean ± jitter milliseconds (default 0).")]
        public int LatencyJitterMs { get; init; }

        [CommandOption("--fail-500 <RATE>")]
        [Description("Share of requests answered 500 (0 to 1).")]
        public double Fail500 { get; init; }

        [CommandOption("--fail-503 <RATE>")]
        [Description("Share of requests answered 503 (0 to 1).")]
        public double Fail503 { get; init; }

        [CommandOption("--hang <RATE>")]
        [Description("Share of requests never answered until the client gives up (0 to 1).")]
        public double Hang { get; init; }

        [CommandOption("--drop <RATE>")]
        [Description("Share of requests whose connection is dropped before processing (0 to 1).")]
        public double Drop { get; init; }

        [CommandOption("--answer-lost <RATE>")]
        [Description("Share of requests processed and committed, then the connection dropped (0 to 1).")]
        public double AnswerLost { get; init; }

        [CommandOption("--max-faults <N>")]
        [Description("Stop injecting faults after this many (default: no limit).")]
        public int? MaxFaults { get; init; }

        [CommandOption("--storm <RATE>")]
        [Description("Chance per request that a 429 storm starts (0 to 1).")]
        public double Storm { get; init; }

        [CommandOption("--storm-seconds <N>")]
        [Description("How long a 429 storm lasts (default 10).")]
        public int StormSeconds { get; init; } = 10;

        [CommandOption("--token <TOKEN>")]
        [Description("Accept only this bearer token (others get 401). Default: any well-formed token.")]
        public string? Token { get; init; }

        [CommandOption("--forbidden-token <TOKEN>")]
        [Description("Answer this bearer token with 403 (repeatable).")]
        public string[] ForbiddenTokens { get; init; } = [];

        [CommandOption("--unknown-customer <GUID>")]
        [Description("Answer this customer tenant id with 404 code 60003 (repeatable).")]
        public string[] UnknownCustomers { get; init; } = [];

        [CommandOption("--retention <MINUTES>")]
        [Description("How long an MS-RequestId is remembered (default 1440 = 24 hours).")]
        public int RetentionMinutes { get; init; } = 24 * 60;

        [CommandOption("--max-line-items <N>")]
        [Description("Most line items per order or cart request (default 50).")]
        public int? MaxLineItems { get; init; }

        [CommandOption("--cart-lifetime <MINUTES>")]
        [Description("How long a cart can be checked out after it is created (default 10080 = 7 days, as documented).")]
        public int CartLifetimeMinutes { get; init; } = 7 * 24 * 60;

        [CommandOption("--refuse-repeat-checkout")]
        [Description("Answer a second checkout of a checked-out cart with error 800065 instead of repeating its result.")]
        public bool RefuseRepeatCheckout { get; init; }

        [CommandOption("--checkout-time <MS>")]
        [Description("How long a checkout takes before its orders exist, in milliseconds (default 0); meanwhile another checkout of the cart gets 800064.")]
        public int CheckoutTimeMs { get; init; }

        [CommandOption("--refuse-order-group <RATE>")]
        [Description("Share of order groups refused at checkout (code 800010) while the cart's other groups are ordered (0 to 1).")]
        public double RefuseOrderGroup { get; init; }

        [CommandOption("--rotate-availabilities <MINUTES>")]
        [Description("Reissue every new-commerce availability id this often, as Partner Center does (default: never); the old ids are then gone. POST /_sandbox/rotate-availabilities rotates at once.")]
        public double? RotateAvailabilitiesMinutes { get; init; }

        [CommandOption("--quiet")]
        [Description("Do not log one line per request.")]
        public bool Quiet { get; init; }

        public override ValidationResult Validate()
        {
            var errors = new List<string>();
            if (Port is < 0 or > 65535)
            {
                errors.Add($"--port must be between 0 and 65535; got {Port}.");
            }

            foreach (var (flag, limit) in new[] { ("--rate-limit", (int?)RateLimit), ("--cart-rate-limit", CartRateLimit), ("--checkout-rate-limit", CheckoutRateLimit), ("--read-rate-limit", ReadRateLimit) })
            {
                if (limit < 0)
                {
                    errors.Add($"{flag} must be 0 (unlimited) or a number of requests per minute; got {limit}.");
                }
            }

            foreach (var family in PerCustomer.Where(f => FamilyOf(f) is null))
            {
                errors.Add($"--per-customer takes orders, carts, checkout or reads; got '{family}'.");
            }

            if (LatencyMs < 0 || LatencyJitterMs < 0)
            {
                errors.Add("--latency and --latency-jitter must be 0 or more milliseconds.");
            }

            foreach (var (flag, rate) in Rates())
            {
                if (double.IsNaN(rate) || rate is < 0 or > 1)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{flag} must be a share between 0 and 1 (0.05 = 5%); got {rate}."));
                }
            }

            if (StormSeconds < 1)
            {
                errors.Add("--storm-seconds must be at least 1.");
            }

            if (RetentionMinutes < 1)
            {
                errors.Add("--retention must be at least 1 minute.");
            }

            if (CartLifetimeMinutes < 1)
            {
                errors.Add("--cart-lifetime must be at least 1 minute.");
            }

            if (RotateAvailabilitiesMinutes is { } rotate && (double.IsNaN(rotate) || rotate < 1.0 / 60))
            {
                errors.Add("--rotate-availabilities must be a number of minutes of at least 1/60 (a second).");
            }

            if (CheckoutTimeMs < 0)
            {
                errors.Add("--checkout-time must be 0 or more milliseconds.");
            }

            foreach (var customer in UnknownCustomers.Where(c => !Guid.TryParse(c, out _)))
            {
                errors.Add($"--unknown-customer needs a customer tenant id (a GUID); got '{customer}'.");
            }

            if (ToIdentityOptions(out var identityProblem) is not null && identityProblem is not null)
            {
                errors.Add(identityProblem);
            }

            if (errors.Count == 0)
            {
                errors.AddRange(ToOptions().Validate());
            }

            return errors.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join(Environment.NewLine, errors));
        }

        /// <summary>The library options these settings stand for.</summary>
        public SandboxOptions ToOptions()
        {
            var options = new SandboxOptions
            {
                Port = Port,
                StatePath = State,
                Seed = Seed,
                RequestsPerMinute = RateLimit,
                CartRequestsPerMinute = CartRateLimit,
                CheckoutRequestsPerMinute = CheckoutRateLimit,
                ReadRequestsPerMinute = ReadRateLimit,
                LatencyMean = TimeSpan.FromMilliseconds(LatencyMs),
                LatencyJitter = TimeSpan.FromMilliseconds(LatencyJitterMs),
                ServerErrorRate = Fail500,
                ServiceUnavailableRate = Fail503,
                HangRate = Hang,
                DropConnectionRate = Drop,
                AnswerLostRate = AnswerLost,
                FaultLimit = MaxFaults,
                StormRate = Storm,
                StormDuration = TimeSpan.FromSeconds(StormSeconds),
                RequiredToken = Token,
                IdempotencyRetention = TimeSpan.FromMinutes(RetentionMinutes),
                MaxLineItemsPerOrder = MaxLineItems,
                CartLifetime = TimeSpan.FromMinutes(CartLifetimeMinutes),
                RepeatedCheckout = RefuseRepeatCheckout ? RepeatedCheckout.AlreadySubmittedError : RepeatedCheckout.Replay,
                CheckoutDuration = TimeSpan.FromMilliseconds(CheckoutTimeMs),
                OrderGroupRefusalRate = RefuseOrderGroup,
                AvailabilityRotation = RotateAvailabilitiesMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
                RequestLogLevel = Quiet ? LogLevel.None : LogLevel.Information,
                Identity = ToIdentityOptions(out _),
            };
            foreach (var token in ForbiddenTokens)
            {
                options.ForbiddenTokens.Add(token);
            }

            foreach (var family in PerCustomer.Select(FamilyOf).OfType<ThrottleFamily>())
            {
                options.KeyedByCustomer.Add(family);
            }

            foreach (var customer in UnknownCustomers)
            {
                if (Guid.TryParse(customer, out var id))
                {
                    options.UnknownCustomers.Add(id);
                }
            }

            return options;
        }

        /// <summary>The family a --per-customer value names; null when it names none.</summary>
        internal static ThrottleFamily? FamilyOf(string name) => name.Trim().ToLowerInvariant() switch
        {
            "orders" or "order-writes" => ThrottleFamily.OrderWrites,
            "carts" => ThrottleFamily.Carts,
            "checkout" => ThrottleFamily.Checkout,
            "reads" => ThrottleFamily.Reads,
            _ => null,
        };

        internal IEnumerable<(string Flag, double Rate)> Rates() =>
        [
            ("--fail-500", Fail500), ("--fail-503", Fail503), ("--hang", Hang), ("--drop", Drop),
            ("--answer-lost", AnswerLost), ("--storm", Storm), ("--refuse-order-group", RefuseOrderGroup),
        ];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var validation = settings.Validate();
        if (!validation.Successful)
        {
            console.MarkupLineInterpolated($"[red]Invalid sandbox options:[/] {validation.Message}");
            return ExitCodes.InvalidInput;
        }

        var options = settings.ToOptions();
        using var loggerFactory = settings.Quiet
            ? (ILoggerFactory)NullLoggerFactory.Instance
            : LoggerFactory.Create(b => b.AddProvider(new ConsoleLogProvider(console)).SetMinimumLevel(LogLevel.Information));
        SandboxServer server;
        try
        {
            // Starting takes milliseconds; a Ctrl+C meanwhile is seen by WaitForShutdownAsync and stops it cleanly.
            server = await SandboxServer.StartAsync(options, TimeProvider.System, loggerFactory, CancellationToken.None);
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]The sandbox could not start:[/] {e.Message}");
            return ExitCodes.AuthenticationOrConfiguration;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]The sandbox could not open its state file {options.StatePath}:[/] {e.Message}");
            return ExitCodes.AuthenticationOrConfiguration;
        }

        await using (server)
        {
            console.MarkupLineInterpolated($"Partner Center sandbox listening on [bold]{server.BaseAddress}[/] (nothing is really ordered).");
            console.MarkupLineInterpolated($"Seed {server.Seed} · rate limits {DescribeLimits(options)} · state {options.StatePath ?? "in memory"} · faults {DescribeFaults(settings)}");
            console.MarkupLineInterpolated($"Ledger: {server.BaseAddress}_sandbox/ledger · stats: {server.BaseAddress}_sandbox/stats · customers: {server.BaseAddress}_sandbox/customers");
            if (options.AvailabilityRotation is { } rotation)
            {
                console.MarkupLineInterpolated($"New-commerce availability ids are reissued every {rotation.TotalMinutes:0.##} minutes (POST {server.BaseAddress}_sandbox/rotate-availabilities: now).");
            }

            if (options.Identity is { } identity)
            {
                console.MarkupLineInterpolated($"Identity provider for tenant {identity.TenantId} ({identity.TenantDomain}), application {identity.ClientId}: secret {(identity.ClientSecret is null ? "refused" : "accepted")}, certificate {(identity.ClientCertificate is null ? "refused" : "accepted")}, device code (approve at {server.BaseAddress}_sandbox/identity/device).");
                console.MarkupLineInterpolated($"Rehearse the live path with PartnerCenter:Authority and PartnerCenter:ApiBaseAddress = {server.BaseAddress}, PartnerCenter:TrustedCertificate = {Path.GetFullPath(identity.HttpsCertificatePath!)}");
            }
            console.MarkupLine("Press Ctrl+C to stop.");
            await server.WaitForShutdownAsync(cancellationToken);
            var stats = server.GetStats();
            console.MarkupLineInterpolated($"Sandbox stopped after {stats.TotalRequests} requests ({stats.OrdersCreated} orders created, {stats.Throttled429} throttled).");
        }

        return 0;
    }

    private static string DescribeLimits(SandboxOptions options) => string.Join(", ",
        new[] { ("orders", ThrottleFamily.OrderWrites), ("carts", ThrottleFamily.Carts), ("checkout", ThrottleFamily.Checkout), ("reads", ThrottleFamily.Reads) }
            .Select(f => options.CeilingOf(f.Item2) is var limit && limit == 0
                ? $"{f.Item1} unlimited"
                : $"{f.Item1} {limit}/min per {(options.KeyOf(f.Item2) == ThrottleKey.PartnerAndCustomer ? "partner + customer" : "partner")}"));

    private static string DescribeFaults(Settings settings)
    {
        var active = settings.Rates().Where(r => r.Rate > 0).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Flag[2..]} {r.Rate:0.###}")).ToList();
        if (settings.LatencyMs > 0 || settings.LatencyJitterMs > 0)
        {
            active.Add(string.Create(CultureInfo.InvariantCulture, $"latency {settings.LatencyMs}±{settings.LatencyJitterMs} ms"));
        }

        return active.Count == 0 ? "off" : string.Join(", ", active);
    }

    /// <summary>Writes the sandbox's per-request log lines to the console, one at a time.</summary>
    private sealed class ConsoleLogProvider(IAnsiConsole console) : ILoggerProvider
    {
        private readonly Lock _lock = new();

        public ILogger CreateLogger(string categoryName) => new ConsoleLog(this);

        public void Dispose()
        {
        }

        private void Write(string line)
        {
            lock (_lock)
            {
                console.WriteLine(line);
            }
        }

        private sealed class ConsoleLog(ConsoleLogProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var time = TimeProvider.System.GetLocalNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
                provider.Write($"{time} {formatter(state, exception)}");
            }
        }
    }
}
