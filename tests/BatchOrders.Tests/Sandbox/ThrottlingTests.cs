using System.Net;
using Microsoft.Extensions.Time.Testing;
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
}
