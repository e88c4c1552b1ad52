using System.Collections.Concurrent;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Logging;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class RequestLogTests
{
    [Fact]
    public async Task Each_request_logs_one_line_with_method_path_status_and_fault()
    {
        var lines = new ConcurrentQueue<(LogLevel Level, string Message)>();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new CapturingProvider(lines)));
        await using var server = await SandboxServer.StartAsync(
            new SandboxOptions { Seed = 1, ServiceUnavailableRate = 1.0, FaultLimit = 1 }, TimeProvider.System, loggerFactory);
        using var http = Client(server, Token);
        var customer = NewCustomer();

        using var failed = await http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
        using var ok = await http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));

        Assert.Equal(2, lines.Count);
        var (level, first) = lines.First();
        Assert.Equal(LogLevel.Information, level);
        Assert.StartsWith($"GET /v1/customers/{customer}/orders -> 503 fault=ServiceUnavailable", first, StringComparison.Ordinal);
        Assert.Contains("-> 200 fault=None", lines.Last().Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, string.Join("\n", lines.Select(l => l.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_lines_can_be_silenced()
    {
        var lines = new ConcurrentQueue<(LogLevel Level, string Message)>();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new CapturingProvider(lines)));
        await using var server = await SandboxServer.StartAsync(
            new SandboxOptions { RequestLogLevel = LogLevel.None }, TimeProvider.System, loggerFactory);
        using var http = Client(server, Token);

        using var response = await http.GetAsync(new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative));

        Assert.Empty(lines);
    }

    internal sealed class CapturingProvider(ConcurrentQueue<(LogLevel, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(ConcurrentQueue<(LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
