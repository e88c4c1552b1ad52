using System.Net.Sockets;
using BatchOrders.Cli;
using BatchOrders.Cli.Commands;
using BatchOrders.Sandbox;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BatchOrders.Tests.Sandbox;

public class SandboxCommandTests
{
    [Fact]
    public async Task Sandbox_command_prints_its_address_and_stops_when_cancelled()
    {
        var (app, output) = App();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await app.RunAsync(["sandbox", "--port", "0", "--seed", "42", "--rate-limit", "0", "--fail-503", "0.25", "--quiet"], cancelled.Token);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Matches(@"listening on http://127\.0\.0\.1:\d+/", text);
        Assert.Contains("Seed 42", text, StringComparison.Ordinal);
        Assert.Contains("fail-503 0.25", text, StringComparison.Ordinal);
        Assert.Contains("Press Ctrl+C to stop.", text, StringComparison.Ordinal);
        Assert.Contains("Sandbox stopped", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fail-500", "1.5", "--fail-500 must be a share between 0 and 1")]
    [InlineData("--port", "70000", "--port must be between 0 and 65535")]
    [InlineData("--unknown-customer", "contoso", "--unknown-customer needs a customer tenant id")]
    [InlineData("--rate-limit", "-1", "--rate-limit must be 0")]
    public void Invalid_options_give_a_plain_message(string option, string value, string message)
    {
        var settings = Parse(option, value);

        var result = settings.Validate();

        Assert.False(result.Successful);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fault_rates_that_add_up_to_more_than_one_are_refused()
    {
        var settings = new SandboxCommand.Settings { Fail500 = 0.6, Drop = 0.6 };

        var result = settings.Validate();

        Assert.False(result.Successful);
        Assert.Contains("add up to 1.2", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_exit_with_code_2_when_executed_directly_and_print_no_stack_trace()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        var command = new SandboxCommand(console);

        var exitCode = await command.ExecuteAsync(null!, new SandboxCommand.Settings { Hang = -1 }, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("--hang must be a share", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_in_use_is_reported_plainly_with_exit_code_4()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var (app, output) = App();

        var exitCode = await app.RunAsync(["sandbox", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet"], CancellationToken.None);

        Assert.Equal(ExitCodes.AuthenticationOrConfiguration, exitCode);
        Assert.Contains("could not start", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_map_onto_sandbox_options()
    {
        var settings = new SandboxCommand.Settings
        {
            Port = 5099, State = "state.db", Seed = 9, RateLimit = 60, LatencyMs = 100, LatencyJitterMs = 50, Fail500 = 0.1,
            Fail503 = 0.05, Hang = 0.01, Drop = 0.02, AnswerLost = 0.03, MaxFaults = 4, Storm = 0.001, StormSeconds = 20,
            Token = "t", ForbiddenTokens = ["f"], UnknownCustomers = ["6b1a1f55-3a52-4f84-9a4e-1f0e7d1c2b3a"], RetentionMinutes = 30,
            MaxLineItems = 10, Quiet = true,
        };

        var options = settings.ToOptions();

        Assert.Empty(options.Validate());
        Assert.Equal((5099, "state.db", 9, 60), (options.Port, options.StatePath, options.Seed, options.RequestsPerMinute));
        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50)), (options.LatencyMean, options.LatencyJitter));
        Assert.Equal((0.1, 0.05, 0.01, 0.02, 0.03), (options.ServerErrorRate, options.ServiceUnavailableRate, options.HangRate, options.DropConnectionRate, options.AnswerLostRate));
        Assert.Equal((4, 0.001, TimeSpan.FromSeconds(20)), (options.FaultLimit, options.StormRate, options.StormDuration));
        Assert.Equal("t", options.RequiredToken);
        Assert.Contains("f", options.ForbiddenTokens);
        Assert.Contains(Guid.Parse("6b1a1f55-3a52-4f84-9a4e-1f0e7d1c2b3a"), options.UnknownCustomers);
        Assert.Equal((TimeSpan.FromMinutes(30), 10), (options.IdempotencyRetention, options.MaxLineItemsPerOrder));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.None, options.RequestLogLevel);
    }

    [Fact]
    public async Task Cart_flags_map_onto_sandbox_options_and_default_to_the_documented_behaviour()
    {
        var (app, output) = App();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var settings = new SandboxCommand.Settings
        {
            CartLifetimeMinutes = 90, RefuseRepeatCheckout = true, CheckoutTimeMs = 1500, RefuseOrderGroup = 0.2,
        };

        var options = settings.ToOptions();
        var defaults = new SandboxCommand.Settings().ToOptions();
        var exitCode = await app.RunAsync(["sandbox", "--cart-lifetime", "90", "--refuse-repeat-checkout", "--checkout-time", "1500",
            "--refuse-order-group", "0.2", "--quiet"], cancelled.Token);

        Assert.Empty(options.Validate());
        Assert.Equal((TimeSpan.FromMinutes(90), RepeatedCheckout.AlreadySubmittedError, TimeSpan.FromMilliseconds(1500), 0.2),
            (options.CartLifetime, options.RepeatedCheckout, options.CheckoutDuration, options.OrderGroupRefusalRate));
        Assert.Equal((TimeSpan.FromDays(7), RepeatedCheckout.Replay, TimeSpan.Zero, 0.0),
            (defaults.CartLifetime, defaults.RepeatedCheckout, defaults.CheckoutDuration, defaults.OrderGroupRefusalRate));
        Assert.Equal(0, exitCode);
        Assert.Contains("refuse-order-group 0.2", output.ToString(), StringComparison.Ordinal);
        Assert.False(new SandboxCommand.Settings { CartLifetimeMinutes = 0 }.Validate().Successful);
        Assert.False(new SandboxCommand.Settings { CheckoutTimeMs = -1 }.Validate().Successful);
        Assert.False(new SandboxCommand.Settings { RefuseOrderGroup = 2 }.Validate().Successful);
    }

    [Fact]
    public async Task Each_family_takes_its_own_ceiling_and_key_and_follows_rate_limit_unless_told()
    {
        var (app, output) = App();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var options = new SandboxCommand.Settings { RateLimit = 300, ReadRateLimit = 900, CheckoutRateLimit = 0, PerCustomer = ["reads", "Checkout"] }.ToOptions();
        var exitCode = await app.RunAsync(["sandbox", "--read-rate-limit", "900", "--cart-rate-limit", "120", "--per-customer", "reads", "--quiet"], cancelled.Token);

        Assert.Empty(options.Validate());
        Assert.Equal((300, 300, 0, 900), (options.CeilingOf(ThrottleFamily.OrderWrites), options.CeilingOf(ThrottleFamily.Carts),
            options.CeilingOf(ThrottleFamily.Checkout), options.CeilingOf(ThrottleFamily.Reads)));
        Assert.Equal((ThrottleKey.Partner, ThrottleKey.PartnerAndCustomer, ThrottleKey.PartnerAndCustomer),
            (options.KeyOf(ThrottleFamily.OrderWrites), options.KeyOf(ThrottleFamily.Checkout), options.KeyOf(ThrottleFamily.Reads)));
        Assert.Equal(0, exitCode);
        Assert.Contains("rate limits orders 500/min per partner, carts 120/min per partner, checkout 500/min per partner, reads 900/min per partner + customer",
            System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains("--per-customer takes orders, carts, checkout or reads", new SandboxCommand.Settings { PerCustomer = ["writes"] }.Validate().Message, StringComparison.Ordinal);
        Assert.Contains("--read-rate-limit must be 0", new SandboxCommand.Settings { ReadRateLimit = -1 }.Validate().Message, StringComparison.Ordinal);
    }

    internal static (CommandApp App, StringWriter Output) App()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.Settings.Console = console;
            config.AddCommand<SandboxCommand>("sandbox");
        });
        return (app, output);
    }

    private static SandboxCommand.Settings Parse(string option, string value) => option switch
    {
        "--fail-500" => new SandboxCommand.Settings { Fail500 = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        "--port" => new SandboxCommand.Settings { Port = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        "--unknown-customer" => new SandboxCommand.Settings { UnknownCustomers = [value] },
        "--rate-limit" => new SandboxCommand.Settings { RateLimit = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };
}
