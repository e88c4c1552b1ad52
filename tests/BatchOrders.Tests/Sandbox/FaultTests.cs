using System.Diagnostics;
using System.Net;
using BatchOrders.Sandbox;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class FaultTests
{
    [Fact]
    public async Task Server_error_is_500_with_code_800003_and_nothing_is_created()
    {
        await using var host = await StartAsync(o => o.ServerErrorRate = 1.0);

        using var response = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)), Guid.NewGuid());

        await AssertErrorAsync(response, 500, 800003);
        Assert.Empty(await host.LedgerAsync());
        Assert.Equal(1, (await host.StatsAsync()).FaultsInjected["serverError"]);
    }

    [Fact]
    public async Task Service_unavailable_is_503_and_nothing_is_created()
    {
        await using var host = await StartAsync(o => o.ServiceUnavailableRate = 1.0);

        using var response = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(await host.LedgerAsync());
    }

    [Fact]
    public async Task Hung_request_is_never_answered_until_the_client_gives_up_and_does_not_hold_shutdown()
    {
        // Stopping would wait 2 minutes for a request it did not cut off: the bound below (1 minute) catches that,
        // and no busy machine takes a minute to stop a sandbox that cut it off.
        var host = await StartAsync(o =>
        {
            o.HangRate = 1.0;
            o.ShutdownTimeout = TimeSpan.FromMinutes(2);
        }, clientTimeout: TimeSpan.FromMilliseconds(300));
        try
        {
            await Assert.ThrowsAsync<TaskCanceledException>(() => host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1))));

            Assert.Empty(await host.LedgerAsync());
            Assert.Equal(1, (await host.StatsAsync()).FaultsInjected["hang"]);
        }
        finally
        {
            // A second hung request is still open while the sandbox stops: stopping cuts it off.
            using var patient = Client(host.Server, Token, TimeSpan.FromMinutes(5));
            var pending = patient.GetAsync(new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative));
            await WaitForRequestsAsync(host, 2);
            var stopwatch = Stopwatch.StartNew();
            await host.DisposeAsync();
            await Assert.ThrowsAsync<HttpRequestException>(() => pending);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(1), $"stopping took {stopwatch.Elapsed}");
        }
    }

    [Fact]
    public async Task Dropped_connection_throws_on_the_client_and_nothing_is_created()
    {
        await using var host = await StartAsync(o => o.DropConnectionRate = 1.0);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)), Guid.NewGuid()));

        Assert.Empty(await host.LedgerAsync());
        var stats = await host.StatsAsync();
        Assert.Equal(1, stats.FaultsInjected["dropConnection"]);
        Assert.Equal(1, stats.RequestsByOutcome["aborted"]);
    }

    [Fact]
    public async Task Answer_lost_commits_the_order_and_a_retry_with_the_same_request_id_gets_it_without_a_duplicate()
    {
        await using var host = await StartAsync(o =>
        {
            o.AnswerLostRate = 1.0;
            o.FaultLimit = 1;
        });
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();
        var body = OrderBody("monthly", (0, E3, 7));

        await Assert.ThrowsAsync<HttpRequestException>(() => host.PostOrderAsync(customer, body, requestId));
        var committed = Assert.Single(await host.LedgerAsync());
        using var retry = await host.PostOrderAsync(customer, body, requestId);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(committed.OrderId, (await ReadJsonAsync(retry)).GetProperty("id").GetString());
        Assert.Equal(requestId, committed.RequestId);
        Assert.Single(await host.LedgerAsync());
        var stats = await host.StatsAsync();
        Assert.Equal(1, stats.FaultsInjected["answerLost"]);
        Assert.Equal(1, stats.IdempotentReplays);
        Assert.Equal(1, stats.OrdersCreated);
    }

    [Fact]
    public async Task Retry_after_a_server_error_with_the_same_request_id_can_succeed()
    {
        await using var host = await StartAsync(o =>
        {
            o.ServerErrorRate = 1.0;
            o.FaultLimit = 1;
        });
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();

        using var failed = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)), requestId);
        using var retried = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)), requestId);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Single(await host.LedgerAsync());
    }

    [Fact]
    public async Task Latency_delays_the_answer_by_the_drawn_amount()
    {
        await using var host = await StartAsync(o => o.LatencyMean = TimeSpan.FromMilliseconds(150));
        var stopwatch = Stopwatch.StartNew();

        using var response = await host.Http.GetAsync(new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(140), $"answered after {stopwatch.Elapsed}");
        Assert.Equal(TimeSpan.FromMilliseconds(150), Assert.Single(host.Server.GetFaultDecisions()).Latency);
        Assert.Equal(1, (await host.StatsAsync()).FaultsInjected["latency"]);
    }

    [Fact]
    public async Task Same_seed_and_requests_give_the_same_fault_sequence_and_order_ids()
    {
        static async Task<(List<(FaultKind, TimeSpan)> Decisions, List<string> OrderIds)> Run(int seed)
        {
            await using var host = await StartAsync(o =>
            {
                o.Seed = seed;
                o.ServerErrorRate = 0.15;
                o.ServiceUnavailableRate = 0.1;
                o.DropConnectionRate = 0.1;
                o.AnswerLostRate = 0.1;
                o.LatencyMean = TimeSpan.FromMilliseconds(2);
                o.LatencyJitter = TimeSpan.FromMilliseconds(2);
            });
            var customer = "6b1a1f55-3a52-4f84-9a4e-1f0e7d1c2b3a";
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    using var response = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, i + 1)), Guid.NewGuid());
                }
                catch (HttpRequestException)
                {
                    // Dropped or lost answers are part of the run.
                }
            }

            var decisions = host.Server.GetFaultDecisions().Select(d => (d.Fault, d.Latency)).ToList();
            return (decisions, (await host.LedgerAsync()).Select(e => e.OrderId).ToList());
        }

        var first = await Run(1234);
        var replay = await Run(1234);
        var other = await Run(4321);

        Assert.Equal(40, first.Decisions.Count);
        Assert.Equal(first.Decisions, replay.Decisions);
        Assert.Equal(first.OrderIds, replay.OrderIds);
        Assert.NotEqual(first.Decisions, other.Decisions);
        Assert.Contains(first.Decisions, d => d.Item1 == FaultKind.ServerError);
        Assert.Contains(first.Decisions, d => d.Item1 == FaultKind.None);
    }

    [Fact]
    public async Task Fault_limit_stops_injecting_after_that_many_faults()
    {
        await using var host = await StartAsync(o =>
        {
            o.ServiceUnavailableRate = 1.0;
            o.FaultLimit = 2;
        });
        var path = new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await host.Http.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    private static async Task WaitForRequestsAsync(SandboxHost host, int count)
    {
        // The sandbox records a decision when a request arrives; yield until the second request has arrived.
        while (host.Server.GetFaultDecisions().Count < count)
        {
            await Task.Yield();
        }
    }
}
