using System.Net;
using Microsoft.Extensions.Time.Testing;
using BatchOrders.Sandbox;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class ThrottlingTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Request_over_the_per_minute_limit_gets_429_with_retry_after_and_is_not_processed()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o => o.RequestsPerMinute = 5, time);
        var customer = NewCustomer();
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        }

        time.Advance(TimeSpan.FromSeconds(10));
        using var throttled = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        // The first of the five left the window at 09:00:01 + 60 s; it is now 09:00:15.
        Assert.Equal(TimeSpan.FromSeconds(46), throttled.Headers.RetryAfter?.Delta);
        var body = await ReadJsonAsync(throttled);
        Assert.Equal(429, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("Rate limit is exceeded. Try again in 46 seconds.", body.GetProperty("message").GetString());
        Assert.Equal(5, (await host.LedgerAsync()).Count);

        time.Advance(TimeSpan.FromSeconds(46));
        using var afterWait = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        using var again = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));

        Assert.Equal(HttpStatusCode.Created, afterWait.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        var stats = await host.StatsAsync();
        Assert.Equal(2, stats.Throttled429);
        Assert.Equal(2, stats.RequestsByOutcome["429"]);
    }

    [Fact]
    public async Task Limit_is_per_partner_token_and_sandbox_endpoints_are_never_throttled()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o => o.RequestsPerMinute = 2, time);
        using var otherPartner = Client(host.Server, "other-partner");
        var path = new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative);

        var mine = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.Http.GetAsync(path);
            mine.Add(response.StatusCode);
        }

        using var theirs = await otherPartner.GetAsync(path);
        for (var i = 0; i < 5; i++)
        {
            await host.StatsAsync();
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], mine);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }

    [Fact]
    public async Task Storm_throttles_every_request_until_it_passes()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o =>
        {
            o.StormRate = 1.0;
            o.StormDuration = TimeSpan.FromSeconds(30);
        }, time);
        var path = new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative);

        using var first = await host.Http.GetAsync(path);
        time.Advance(TimeSpan.FromSeconds(12));
        using var during = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), first.Headers.RetryAfter?.Delta);
        Assert.Equal(TimeSpan.FromSeconds(18), during.Headers.RetryAfter?.Delta);
        Assert.Equal(2, (await host.StatsAsync()).StormThrottled429);
    }

    [Fact]
    public async Task Reads_are_throttled_on_their_own_window_while_orders_are_not()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o =>
        {
            o.RequestsPerMinute = 3;
            o.ReadRequestsPerMinute = 2;
        }, time);
        var customer = NewCustomer();

        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var read = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
            reads.Add(read.StatusCode);
        }

        var writes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var write = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
            writes.Add(write.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], reads);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], writes);
        var stats = await host.StatsAsync();
        Assert.Equal(new FamilyStats(4, 2), stats.Families["reads"]);
        Assert.Equal(new FamilyStats(4, 1), stats.Families["orderWrites"]);
        Assert.Equal(new FamilyStats(0, 0), stats.Families["checkout"]);
    }

    [Fact]
    public async Task Orders_are_throttled_on_their_own_window_while_reads_are_not()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o =>
        {
            o.RequestsPerMinute = 1;
            o.ReadRequestsPerMinute = 0;
        }, time);
        var customer = NewCustomer();
        await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));

        using var throttled = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 2)));
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var read = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
            reads.Add(read.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_family_keyed_by_customer_throttles_each_customer_apart_and_one_keyed_by_partner_does_not()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o =>
        {
            o.RequestsPerMinute = 1;
            o.ReadRequestsPerMinute = 1;
            o.KeyedByCustomer.Add(ThrottleFamily.Reads);
        }, time);
        var (first, second) = (NewCustomer(), NewCustomer());

        async Task<HttpStatusCode> Read(string customer)
        {
            using var response = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
            return response.StatusCode;
        }

        async Task<HttpStatusCode> Order(string customer)
        {
            using var response = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
            return response.StatusCode;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            [await Read(first), await Read(second), await Read(first), await Read(second.ToUpperInvariant())]);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.TooManyRequests], [await Order(first), await Order(second)]);
    }

    [Fact]
    public async Task A_route_that_declares_no_family_is_throttled_as_a_read_when_it_is_a_get()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o =>
        {
            o.RequestsPerMinute = 0;
            o.ReadRequestsPerMinute = 1;
        }, time);
        var customer = NewCustomer();

        using var served = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
        using var unmapped = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/subscriptions", UriKind.Relative));
        using var write = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unmapped.StatusCode);
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.Equal(ThrottleFamily.Reads, BatchOrders.Sandbox.Throttling.ThrottleFamilies.Undeclared("POST", $"/v1/customers/{customer}/promotionEligibilities"));
        Assert.Equal(ThrottleFamily.Reads, BatchOrders.Sandbox.Throttling.ThrottleFamilies.Undeclared("POST", "/v1/partners/validateresellers"));
        Assert.Equal(ThrottleFamily.OrderWrites, BatchOrders.Sandbox.Throttling.ThrottleFamilies.Undeclared("PUT", $"/v1/customers/{customer}/subscriptions/x"));
    }
}
