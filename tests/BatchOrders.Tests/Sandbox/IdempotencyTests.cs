using System.Net;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Time.Testing;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class IdempotencyTests
{
    [Fact]
    public async Task Same_request_id_and_body_replays_the_stored_answer_and_creates_one_order()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();
        var body = OrderBody("monthly", (0, E3, 3));
        // The same order re-serialised with other casing, property order and whitespace is the same request.
        var reformatted = $$"""{ "lineItems": [ { "quantity": 3, "offerId": "{{E3}}", "lineItemNumber": 0 } ], "attributes": {"objectType":"Order"}, "billingCycle": "monthly" }""";

        using var first = await host.PostOrderAsync(customer, body, requestId);
        using var second = await host.PostOrderAsync(customer, body, requestId);
        using var third = await host.PostOrderAsync(customer, reformatted, requestId);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(firstBody, await third.Content.ReadAsStringAsync());
        Assert.Single(await host.LedgerAsync());
        var stats = await host.StatsAsync();
        Assert.Equal(2, stats.IdempotentReplays);
        Assert.Equal(1, stats.OrdersCreated);
    }

    [Fact]
    public async Task Same_request_id_with_a_different_body_is_rejected_and_creates_nothing()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();
        await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 3)), requestId);

        using var otherQuantity = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 4)), requestId);
        using var otherCustomer = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 3)), requestId);

        Assert.Contains(requestId.ToString(), await AssertErrorAsync(otherQuantity, 400, 800002), StringComparison.Ordinal);
        await AssertErrorAsync(otherCustomer, 400, 800002);
        Assert.Single(await host.LedgerAsync());
    }

    [Fact]
    public async Task Business_failure_is_stored_and_replayed_too()
    {
        await using var host = await StartAsync();
        var requestId = Guid.NewGuid();
        var customer = NewCustomer();
        var body = OrderBody("monthly", (0, "unknown-offer", 1));

        using var first = await host.PostOrderAsync(customer, body, requestId);
        using var second = await host.PostOrderAsync(customer, body, requestId);

        await AssertErrorAsync(first, 400, 800004);
        await AssertErrorAsync(second, 400, 800004);
        Assert.Equal(1, (await host.StatsAsync()).IdempotentReplays);
    }

    [Fact]
    public async Task Patch_is_idempotent_on_its_request_id()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var order = await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        var orderId = order.GetProperty("id").GetString()!;
        var body = AddOnBody((0, MyAnalytics, 1, order.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString()));
        var requestId = Guid.NewGuid();

        using var first = await host.PatchOrderAsync(customer, orderId, body, requestId);
        using var retry = await host.PatchOrderAsync(customer, orderId, body, requestId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(2, (await host.LedgerAsync()).Count);
    }

    [Fact]
    public async Task Request_ids_are_remembered_per_partner_token()
    {
        await using var host = await StartAsync();
        using var otherPartner = Client(host.Server, "other-partner");
        var requestId = Guid.NewGuid();
        var customer = NewCustomer();
        var body = OrderBody("monthly", (0, E3, 1));

        using var first = await host.PostOrderAsync(customer, body, requestId);
        using var second = await host.PostOrderAsync(customer, body, requestId, client: otherPartner);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, (await host.LedgerAsync()).Count);
    }

    [Fact]
    public async Task Request_id_is_forgotten_after_the_retention_period()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(o => o.IdempotencyRetention = TimeSpan.FromMinutes(10), time);
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();
        var body = OrderBody("monthly", (0, E3, 1));

        var first = await host.CreateOrderAsync(customer, body, requestId);
        time.Advance(TimeSpan.FromMinutes(9));
        var replay = await host.CreateOrderAsync(customer, body, requestId);
        time.Advance(TimeSpan.FromMinutes(2));
        var fresh = await host.CreateOrderAsync(customer, body, requestId);

        Assert.Equal(first.GetProperty("id").GetString(), replay.GetProperty("id").GetString());
        Assert.NotEqual(first.GetProperty("id").GetString(), fresh.GetProperty("id").GetString());
        Assert.Equal(2, (await host.LedgerAsync()).Count);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_request_id_never_create_two_orders()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();
        var body = OrderBody("monthly", (0, E3, 1), (1, BusinessBasic, 1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => host.PostOrderAsync(customer, body, requestId)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        foreach (var busy in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await AssertErrorAsync(busy, 409, 800060);
        }

        var ids = new HashSet<string?>();
        foreach (var response in created)
        {
            ids.Add((await ReadJsonAsync(response)).GetProperty("id").GetString());
        }

        var entry = Assert.Single(await host.LedgerAsync());
        Assert.Equal(entry.OrderId, Assert.Single(ids));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Requests_without_a_request_id_are_not_deduplicated()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var body = OrderBody("monthly", (0, E3, 1));

        await host.CreateOrderAsync(customer, body);
        await host.CreateOrderAsync(customer, body);

        Assert.Equal(2, (await host.LedgerAsync()).Count);
        Assert.All(await host.LedgerAsync(), e => Assert.Null(e.RequestId));
        Assert.Equal(0, (await host.StatsAsync()).IdempotentReplays);
        Assert.IsType<SandboxStats>(await host.StatsAsync());
    }
}
