using System.Net;
using System.Text.Json;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Time.Testing;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class CartCheckoutTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static string ThreeGroups => CartBody(
        (0, NceE3, 5, "monthly", "P1Y"),
        (1, NceBusinessBasic, 3, "annual", "P1Y"),
        (2, NceBusinessPremium, 1, "triennial", "P3Y"));

    [Fact]
    public async Task Create_cart_is_idempotent_on_its_request_id()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();

        using var first = await host.PostCartAsync(customer, ThreeGroups, requestId);
        using var retry = await host.PostCartAsync(customer, ThreeGroups, requestId);
        using var otherBody = await host.PostCartAsync(customer, CartBody((0, NceE3, 6, "monthly", "P1Y")), requestId);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await AssertErrorAsync(otherBody, 400, 800002);
        var stats = await host.StatsAsync();
        Assert.Equal((1, 1), (stats.CartsCreated, stats.IdempotentReplays));
    }

    [Fact]
    public async Task A_repeated_checkout_replays_the_first_result_whatever_its_request_id_and_orders_nothing_more()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, ThreeGroups)).GetProperty("id").GetString()!;
        var requestId = Guid.NewGuid();
        var first = await host.CheckOutCartAsync(customer, cartId, requestId);

        var sameRequest = await host.CheckOutCartAsync(customer, cartId, requestId);
        var newRequest = await host.CheckOutCartAsync(customer, cartId, Guid.NewGuid());
        var noRequestId = await host.CheckOutCartAsync(customer, cartId);

        Assert.All([sameRequest, newRequest, noRequestId], r => Assert.Equal(first.GetRawText(), r.GetRawText()));
        Assert.Equal(3, (await host.LedgerAsync()).Count);
        var stats = await host.StatsAsync();
        Assert.Equal((1, 3, 3), (stats.CartsCheckedOut, stats.OrdersCreated, stats.IdempotentReplays));
    }

    [Fact]
    public async Task With_the_already_submitted_option_a_repeated_checkout_gets_800065_even_with_the_first_request_id()
    {
        await using var host = await StartAsync(o => o.RepeatedCheckout = RepeatedCheckout.AlreadySubmittedError);
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, ThreeGroups)).GetProperty("id").GetString()!;
        var requestId = Guid.NewGuid();
        await host.CheckOutCartAsync(customer, cartId, requestId);

        using var sameRequest = await host.PostCheckoutAsync(customer, cartId, requestId);
        using var newRequest = await host.PostCheckoutAsync(customer, cartId, Guid.NewGuid());

        Assert.Contains(cartId, await AssertErrorAsync(sameRequest, 400, 800065), StringComparison.Ordinal);
        Assert.Contains("Read the customer's orders", await AssertErrorAsync(newRequest, 400, 800065), StringComparison.Ordinal);
        Assert.Equal(3, (await host.LedgerAsync()).Count);
    }

    [Fact]
    public async Task While_a_checkout_runs_another_checkout_of_the_cart_gets_800064_and_its_own_request_id_800060()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o => o.CheckoutDuration = TimeSpan.FromMinutes(1), time);
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, ThreeGroups)).GetProperty("id").GetString()!;
        var requestId = Guid.NewGuid();

        var running = host.PostCheckoutAsync(customer, cartId, requestId);
        while (host.Server.CheckoutsInProgress == 0)
        {
            await Task.Yield();
        }

        using var other = await host.PostCheckoutAsync(customer, cartId, Guid.NewGuid());
        using var sameRequest = await host.PostCheckoutAsync(customer, cartId, requestId);
        var ledgerWhileRunning = await host.LedgerAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        using var first = await running;
        var afterwards = await host.CheckOutCartAsync(customer, cartId, Guid.NewGuid());

        Assert.Contains("being processed by another request", await AssertErrorAsync(other, 409, 800064), StringComparison.Ordinal);
        await AssertErrorAsync(sameRequest, 409, 800060);
        Assert.Empty(ledgerWhileRunning);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((await ReadJsonAsync(first)).GetRawText(), afterwards.GetRawText());
        Assert.Equal(3, (await host.LedgerAsync()).Count);
        Assert.Equal(0, host.Server.CheckoutsInProgress);
    }

    [Fact]
    public async Task An_offer_refused_at_checkout_fails_its_whole_order_group_while_the_other_groups_are_ordered()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, CartBody(
            (0, NceE3, 5, "monthly", "P1Y"),
            (1, NceRefusedAtCheckout, 2, "annual", "P1Y"),
            (2, NceBusinessBasic, 3, "annual", "P1Y"),
            (3, NceBusinessPremium, 1, "triennial", "P3Y")))).GetProperty("id").GetString()!;

        var result = await host.CheckOutCartAsync(customer, cartId, Guid.NewGuid());

        // The refused item forms a group of its own, so the annual Business Basic line is ordered in group 2.
        Assert.Equal(["monthly", "annual", "triennial"], result.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("billingCycle").GetString()));
        var error = Assert.Single(result.GetProperty("orderErrors").EnumerateArray());
        Assert.Equal("1", error.GetProperty("orderGroupId").GetString());
        Assert.Equal(800070, error.GetProperty("code").GetInt32());
        Assert.Contains("not available in the customer's country", error.GetProperty("description").GetString(), StringComparison.Ordinal);
        var ledger = await host.LedgerAsync();
        Assert.Equal([NceE3, NceBusinessBasic, NceBusinessPremium], ledger.SelectMany(e => e.LineItems).Select(l => l.OfferId));
        Assert.Equal(result.GetRawText(), (await host.CheckOutCartAsync(customer, cartId, Guid.NewGuid())).GetRawText());
    }

    [Fact]
    public async Task The_seeded_refusal_rate_refuses_order_groups_with_800010_and_counts_them()
    {
        await using var host = await StartAsync(o => o.OrderGroupRefusalRate = 1.0);
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, ThreeGroups)).GetProperty("id").GetString()!;

        var result = await host.CheckOutCartAsync(customer, cartId);

        Assert.Empty(result.GetProperty("orders").EnumerateArray());
        Assert.Equal(["0", "1", "2"], result.GetProperty("orderErrors").EnumerateArray().Select(e => e.GetProperty("orderGroupId").GetString()));
        Assert.All(result.GetProperty("orderErrors").EnumerateArray(), e => Assert.Equal(800010, e.GetProperty("code").GetInt32()));
        Assert.Empty(await host.LedgerAsync());
        var stats = await host.StatsAsync();
        Assert.Equal((1, 3), (stats.CartsCheckedOut, stats.FaultsInjected["orderGroupRefused"]));
    }

    [Fact]
    public async Task Answer_lost_on_create_cart_commits_the_cart_and_the_retry_gets_it()
    {
        await using var host = await StartAsync(o =>
        {
            o.AnswerLostRate = 1.0;
            o.FaultLimit = 1;
        });
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();

        await Assert.ThrowsAsync<HttpRequestException>(() => host.PostCartAsync(customer, ThreeGroups, requestId));
        var retried = await host.CreateCartAsync(customer, ThreeGroups, requestId);
        await host.CheckOutCartAsync(customer, retried.GetProperty("id").GetString()!);

        var stats = await host.StatsAsync();
        Assert.Equal((1, 1, 1), (stats.CartsCreated, stats.IdempotentReplays, stats.FaultsInjected["answerLost"]));
        Assert.Equal(3, (await host.LedgerAsync()).Count);
    }

    [Fact]
    public async Task Every_fault_strikes_both_steps_and_retries_with_the_same_request_ids_order_each_group_exactly_once()
    {
        await using var host = await StartAsync(o =>
        {
            o.Seed = 3; // A seed whose run shows every fault kind on both steps; requests are sequential, so it always does.
            o.ServerErrorRate = 0.12;
            o.ServiceUnavailableRate = 0.12;
            o.HangRate = 0.08;
            o.DropConnectionRate = 0.12;
            o.AnswerLostRate = 0.12;
        }, clientTimeout: TimeSpan.FromSeconds(1));
        var customer = NewCustomer();
        var checkouts = new List<(string CartId, JsonElement Result)>();

        for (var i = 0; i < 8; i++)
        {
            var createId = Guid.NewGuid();
            var checkoutId = Guid.NewGuid();
            var cartId = (await UntilCreatedAsync(() => host.PostCartAsync(customer, ThreeGroups, createId))).GetProperty("id").GetString()!;
            checkouts.Add((cartId, await UntilCreatedAsync(() => host.PostCheckoutAsync(customer, cartId, checkoutId))));
        }

        FaultKind[] all = [FaultKind.ServerError, FaultKind.ServiceUnavailable, FaultKind.Hang, FaultKind.DropConnection, FaultKind.AnswerLost];
        var decisions = host.Server.GetFaultDecisions();
        Assert.Equivalent(all, decisions.Where(d => d.Path.EndsWith("/carts", StringComparison.Ordinal)).Select(d => d.Fault).Intersect(all));
        Assert.Equivalent(all, decisions.Where(d => d.Path.EndsWith("/checkout", StringComparison.Ordinal)).Select(d => d.Fault).Intersect(all));
        var ledger = await host.LedgerAsync();
        Assert.Equal(
            checkouts.SelectMany(c => c.Result.GetProperty("orders").EnumerateArray().Select(o => (c.CartId, o.GetProperty("id").GetString()!))),
            ledger.Select(e => (e.CartId!, e.OrderId)));
        Assert.Equal(24, ledger.Count);
        var stats = await host.StatsAsync();
        Assert.Equal((8, 8, 24), (stats.CartsCreated, stats.CartsCheckedOut, stats.OrdersCreated));
    }

    [Fact]
    public async Task Throttling_and_storms_answer_429_with_retry_after_on_both_steps_each_on_its_own_window()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o => o.RequestsPerMinute = 1, time);
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, ThreeGroups)).GetProperty("id").GetString()!;

        // The cart window is full, the checkout window is not: checkouts and carts are throttled apart.
        using var throttledCreate = await host.PostCartAsync(customer, ThreeGroups, Guid.NewGuid());
        var result = await host.CheckOutCartAsync(customer, cartId, Guid.NewGuid());
        using var throttledCheckout = await host.PostCheckoutAsync(customer, cartId, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.TooManyRequests, throttledCreate.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), throttledCreate.Headers.RetryAfter?.Delta);
        Assert.Equal(3, result.GetProperty("orders").GetArrayLength());
        Assert.Equal(HttpStatusCode.TooManyRequests, throttledCheckout.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), throttledCheckout.Headers.RetryAfter?.Delta);

        await using var storming = await StartAsync(o => o.StormRate = 1.0, time);
        using var stormedCreate = await storming.PostCartAsync(customer, ThreeGroups);
        using var stormedCheckout = await storming.PostCheckoutAsync(customer, cartId);
        Assert.Equal(HttpStatusCode.TooManyRequests, stormedCreate.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stormedCheckout.StatusCode);
        Assert.Equal(2, (await storming.StatsAsync()).StormThrottled429);
    }

    /// <summary>What a careful client does: the same request again until it gets its answer (all faults here are transient).</summary>
    private static async Task<JsonElement> UntilCreatedAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await send();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return await ReadJsonAsync(response);
                }

                Assert.True((int)response.StatusCode >= 500, $"unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Dropped, lost or hung: send it again.
            }
        }

        throw new InvalidOperationException("No 201 after 100 attempts.");
    }
}
