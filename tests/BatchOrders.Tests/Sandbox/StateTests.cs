using System.Net;
using BatchOrders.Sandbox;
using Microsoft.Data.Sqlite;
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
    public async Task Carts_checkouts_and_their_request_ids_survive_a_restart_with_a_state_file()
    {
        var state = Path.Combine(_folder, "carts.db");
        var customer = NewCustomer();
        var body = CartBody((0, NceE3, 5, "monthly", "P1Y"), (1, NceBusinessBasic, 3, "annual", "P1Y"));
        var createId = Guid.NewGuid();
        string orderedCart, openCart, createAnswer, checkoutAnswer;
        await using (var first = await StartAsync(o => o.StatePath = state))
        {
            var created = await first.CreateCartAsync(customer, body, createId);
            createAnswer = created.GetRawText();
            orderedCart = created.GetProperty("id").GetString()!;
            checkoutAnswer = (await first.CheckOutCartAsync(customer, orderedCart, Guid.NewGuid())).GetRawText();
            openCart = (await first.CreateCartAsync(customer, body)).GetProperty("id").GetString()!;
        }

        await using var second = await StartAsync(o => o.StatePath = state);
        using var ordered = await second.GetCartAsync(customer, orderedCart);
        var replayedCheckout = await second.CheckOutCartAsync(customer, orderedCart, Guid.NewGuid());
        var replayedCreate = await second.CreateCartAsync(customer, body, createId);
        var openCheckout = await second.CheckOutCartAsync(customer, openCart);
        var fresh = (await second.CreateCartAsync(customer, body)).GetProperty("id").GetString();

        Assert.Equal("Ordered", (await ReadJsonAsync(ordered)).GetProperty("status").GetString());
        Assert.Equal(checkoutAnswer, replayedCheckout.GetRawText());
        Assert.Equal(createAnswer, replayedCreate.GetRawText());
        Assert.Equal(2, openCheckout.GetProperty("orders").GetArrayLength());
        Assert.DoesNotContain(fresh, new[] { orderedCart, openCart });
        var ledger = await second.LedgerAsync();
        Assert.Equal([orderedCart, orderedCart, openCart, openCart], ledger.Select(e => e.CartId));
        Assert.Equal(4, ledger.SelectMany(e => e.LineItems).Select(l => l.SubscriptionId).Distinct().Count());
    }

    [Fact]
    public async Task Answer_lost_on_checkout_commits_the_orders_and_the_retry_with_its_request_id_gets_them()
    {
        var state = Path.Combine(_folder, "lost-checkout.db");
        var customer = NewCustomer();
        string cartId;
        await using (var first = await StartAsync(o => o.StatePath = state))
        {
            cartId = (await first.CreateCartAsync(customer, CartBody((0, NceE3, 5, "monthly", "P1Y"), (1, NceBusinessBasic, 3, "annual", "P1Y"))))
                .GetProperty("id").GetString()!;
        }

        // The restarted sandbox loses the answer to its first request: the checkout.
        await using var second = await StartAsync(o =>
        {
            o.StatePath = state;
            o.AnswerLostRate = 1.0;
            o.FaultLimit = 1;
        });
        var checkoutId = Guid.NewGuid();
        await Assert.ThrowsAsync<HttpRequestException>(() => second.PostCheckoutAsync(customer, cartId, checkoutId));
        var committed = await second.LedgerAsync();
        var retry = await second.CheckOutCartAsync(customer, cartId, checkoutId);

        Assert.Equal(2, committed.Count);
        Assert.All(committed, e => Assert.Equal((cartId, checkoutId), (e.CartId!, e.RequestId!.Value)));
        Assert.Equal(committed.Select(e => e.OrderId), retry.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
        Assert.Equal(2, (await second.LedgerAsync()).Count);
        var stats = await second.StatsAsync();
        Assert.Equal((1, 1, 1), (stats.CartsCheckedOut, stats.IdempotentReplays, stats.FaultsInjected["answerLost"]));
    }

    [Fact]
    public async Task A_state_file_written_before_carts_existed_is_upgraded_and_keeps_its_orders()
    {
        var state = Path.Combine(_folder, "before-carts.db");
        using (var old = new SqliteConnection($"Data Source={state};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE ledger (seq INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, customer_id TEXT NOT NULL,
                    request_id TEXT, correlation_id TEXT, billing_cycle TEXT NOT NULL, created_at TEXT NOT NULL, kind TEXT NOT NULL);
                INSERT INTO ledger (order_id, customer_id, billing_cycle, created_at, kind)
                VALUES ('Xy_before', '5d0c2a6e-51c4-4f0e-9b7e-0f3f1c2d4a11', 'monthly', '2025-03-01T09:00:00.0000000+00:00', 'create');
                """;
            command.ExecuteNonQuery();
        }

        await using var host = await StartAsync(o => o.StatePath = state);
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, CartBody((0, NceE3, 1, "monthly", "P1M")))).GetProperty("id").GetString()!;
        await host.CheckOutCartAsync(customer, cartId);

        var ledger = await host.LedgerAsync();
        Assert.Equal(["Xy_before", ledger[1].OrderId], ledger.Select(e => e.OrderId));
        Assert.Equal([null, cartId], ledger.Select(e => e.CartId));
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
