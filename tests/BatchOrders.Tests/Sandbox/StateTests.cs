using System.Net;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public sealed class StateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("batchorders-sandbox-").FullName;

    [Fact]
    public async Task Ledger_and_idempotency_store_survive_a_restart_with_a_state_file()
    {
        var state = Path.Combine(_folder, "sandbox.db");
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();
        var body = OrderBody("monthly", (0, E3, 4));
        string orderId;
        string subscription;
        await using (var first = await StartAsync(o =>
        {
            o.StatePath = state;
            o.AnswerLostRate = 1.0;
            o.FaultLimit = 1;
        }))
        {
            // The client never hears about this order; the sandbox outlives it on disk.
            await Assert.ThrowsAsync<HttpRequestException>(() => first.PostOrderAsync(customer, body, requestId, correlationId));
            var entry = Assert.Single(await first.LedgerAsync());
            orderId = entry.OrderId;
            subscription = entry.LineItems[0].SubscriptionId.ToString();
        }

        await using var second = await StartAsync(o => o.StatePath = state);
        using var retry = await second.PostOrderAsync(customer, body, requestId, correlationId);
        using var get = await second.Http.GetAsync(new Uri($"v1/customers/{customer}/orders/{orderId}", UriKind.Relative));
        using var patch = await second.PatchOrderAsync(customer, orderId, AddOnBody((0, MyAnalytics, 4, subscription)));
        var fresh = await second.CreateOrderAsync(customer, OrderBody("annual", (0, BusinessBasic, 1)));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(orderId, (await ReadJsonAsync(retry)).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.NotEqual(orderId, fresh.GetProperty("id").GetString());
        var ledger = await second.LedgerAsync();
        Assert.Equal([LedgerOrder.CreateKind, LedgerOrder.PatchKind, LedgerOrder.CreateKind], ledger.Select(e => e.Kind));
        Assert.Equal(requestId, ledger[0].RequestId);
        Assert.Equal(correlationId, ledger[0].CorrelationId);
        Assert.Equal(4, ledger[0].LineItems[0].Quantity);
        Assert.Equal(Guid.Parse(customer), ledger[0].CustomerId);
    }

    [Fact]
    public async Task A_restart_with_the_same_seed_does_not_hand_out_the_same_order_ids()
    {
        var state = Path.Combine(_folder, "ids.db");
        var customer = NewCustomer();
        string before;
        await using (var first = await StartAsync(o => o.StatePath = state))
        {
            before = (await first.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)))).GetProperty("id").GetString()!;
        }

        await using var second = await StartAsync(o => o.StatePath = state);
        var after = (await second.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)))).GetProperty("id").GetString();

        Assert.NotEqual(before, after);
        Assert.Equal(2, (await second.LedgerAsync()).Select(e => e.OrderId).Distinct().Count());
    }

    [Fact]
    public async Task In_memory_state_starts_empty_after_a_restart()
    {
        await using (var first = await StartAsync())
        {
            await first.CreateOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)));
        }

        await using var second = await StartAsync();

        Assert.Empty(await second.LedgerAsync());
    }

    [Fact]
    public async Task Invalid_options_are_refused_with_every_problem_named()
    {
        var options = new SandboxOptions { Port = -1, ServerErrorRate = 0.7, HangRate = 0.6, IdempotencyRetention = TimeSpan.Zero };

        var errors = options.Validate();
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() =>
            SandboxServer.StartAsync(options, TimeProvider.System, NullLoggerFactory.Instance));

        Assert.Equal(3, errors.Count);
        Assert.Contains("Port", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("add up to 1.3", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(new SandboxOptions().Validate());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
