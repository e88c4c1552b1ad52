using System.Net;
using System.Text.Json;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Time.Testing;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class OrderEndpointTests
{
    [Fact]
    public async Task Create_order_answers_201_with_opaque_id_subscriptions_links_and_pending_status()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var requestId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();

        using var response = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 5), (1, BusinessBasic, 2)), requestId, correlationId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(requestId.ToString(), Assert.Single(response.Headers.GetValues("MS-RequestId")));
        var order = await ReadJsonAsync(response);
        var id = order.GetProperty("id").GetString()!;
        Assert.Matches("^[A-Za-z]{2}_[A-Za-z0-9]{30}$", id);
        Assert.False(Guid.TryParse(id, out _));
        Assert.Equal(customer, order.GetProperty("referenceCustomerId").GetString());
        Assert.Equal("monthly", order.GetProperty("billingCycle").GetString());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal("USD", order.GetProperty("currencyCode").GetString());
        Assert.Equal("UserPurchase", order.GetProperty("transactionType").GetString());
        Assert.Equal("Order", order.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.EndsWith("Z", order.GetProperty("creationDate").GetString(), StringComparison.Ordinal);
        var links = order.GetProperty("links");
        Assert.Equal($"/customers/{customer}/orders/{id}", links.GetProperty("self").GetProperty("uri").GetString());
        Assert.Equal("PATCH", links.GetProperty("patchOperation").GetProperty("method").GetString());
        Assert.True(links.TryGetProperty("provisioningStatus", out _));
        var items = order.GetProperty("lineItems").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(0, items[0].GetProperty("lineItemNumber").GetInt32());
        Assert.Equal(E3, items[0].GetProperty("offerId").GetString());
        Assert.Equal(5, items[0].GetProperty("quantity").GetInt32());
        var subscriptionIds = items.Select(i => Guid.Parse(i.GetProperty("subscriptionId").GetString()!)).ToList();
        Assert.Equal(2, subscriptionIds.Distinct().Count());
        Assert.StartsWith($"/customers/{customer}/subscriptions/", items[1].GetProperty("links").GetProperty("subscription").GetProperty("uri").GetString(), StringComparison.Ordinal);

        var entry = Assert.Single(await host.LedgerAsync());
        Assert.Equal(id, entry.OrderId);
        Assert.Equal(Guid.Parse(customer), entry.CustomerId);
        Assert.Equal(requestId, entry.RequestId);
        Assert.Equal(correlationId, entry.CorrelationId);
        Assert.Equal(LedgerOrder.CreateKind, entry.Kind);
        Assert.Equal("monthly", entry.BillingCycle);
        Assert.Equal(subscriptionIds, entry.LineItems.Select(i => i.SubscriptionId));
    }

    [Fact]
    public async Task Request_names_are_read_case_insensitively_and_offer_ids_match_in_any_case()
    {
        await using var host = await StartAsync();
        var body = $$"""{"billingcycle":"Annual","lineitems":[{"LINEITEMNUMBER":0,"offerId":"{{E3.ToLowerInvariant()}}","quantity":3,"friendlyName":"E3 for sales"}]}""";

        var order = await host.CreateOrderAsync(NewCustomer(), body);

        Assert.Equal("annual", order.GetProperty("billingCycle").GetString());
        var item = Assert.Single(order.GetProperty("lineItems").EnumerateArray());
        Assert.Equal(E3, item.GetProperty("offerId").GetString());
        Assert.Equal("E3 for sales", item.GetProperty("friendlyName").GetString());
    }

    [Fact]
    public async Task New_commerce_offer_with_term_duration_and_one_time_spelled_as_the_sdk_enum_are_accepted()
    {
        await using var host = await StartAsync();

        var nce = await host.CreateOrderAsync(NewCustomer(),
            """{"BillingCycle":"Triennial","LineItems":[{"LineItemNumber":0,"OfferId":"cfq7ttc0lf8q:0001:cfq7ttc0k5dm","Quantity":10,"TermDuration":"P3Y","PartnerIdOnRecord":"1234567"}]}""");
        var oneTime = await host.CreateOrderAsync(NewCustomer(), OrderBody("OneTime", (0, "C3785A8B-6D90-41DA-8526-8F597D6B9A25", 1)));

        Assert.Equal("P3Y", nce.GetProperty("lineItems")[0].GetProperty("termDuration").GetString());
        Assert.Equal("one_time", oneTime.GetProperty("billingCycle").GetString());
    }

    [Fact]
    public async Task Order_without_billing_cycle_takes_the_first_cycle_of_its_first_offer()
    {
        await using var host = await StartAsync();

        var order = await host.CreateOrderAsync(NewCustomer(), OrderBody(null, (0, E3, 1)));

        Assert.Equal("monthly", order.GetProperty("billingCycle").GetString());
    }

    [Fact]
    public async Task Get_order_reads_pending_then_completed_after_the_completion_delay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(o => o.OrderCompletionDelay = TimeSpan.FromSeconds(30), time);
        var customer = NewCustomer();
        var id = (await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)))).GetProperty("id").GetString();

        using var first = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders/{id}", UriKind.Relative));
        time.Advance(TimeSpan.FromSeconds(30));
        using var second = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("pending", (await ReadJsonAsync(first)).GetProperty("status").GetString());
        var completed = await ReadJsonAsync(second);
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(id, completed.GetProperty("id").GetString());
        Assert.Equal("2025-03-01T09:00:00Z", completed.GetProperty("creationDate").GetString());
    }

    [Fact]
    public async Task List_orders_returns_a_collection_of_that_customers_orders_only()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var first = (await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)))).GetProperty("id").GetString();
        var second = (await host.CreateOrderAsync(customer, OrderBody("annual", (0, BusinessBasic, 1)))).GetProperty("id").GetString();
        await host.CreateOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)));

        using var response = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
        var empty = await host.Http.GetStringAsync(new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var collection = await ReadJsonAsync(response);
        Assert.Equal(2, collection.GetProperty("totalCount").GetInt32());
        Assert.Equal("Collection", collection.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.Equal([first, second], collection.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal("""{"totalCount":0,"items":[],"attributes":{"objectType":"Collection"}}""", empty);
    }

    [Fact]
    public async Task Get_unknown_order_is_404_with_code_20000()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var id = (await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)))).GetProperty("id").GetString();

        using var unknown = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders/Cs_doesNotExist", UriKind.Relative));
        using var otherCustomer = await host.Http.GetAsync(new Uri($"v1/customers/{NewCustomer()}/orders/{id}", UriKind.Relative));

        await AssertErrorAsync(unknown, 404, 20000);
        await AssertErrorAsync(otherCustomer, 404, 20000);
    }

    [Fact]
    public async Task Patch_adds_an_add_on_to_the_parents_order()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var order = await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 10)));
        var orderId = order.GetProperty("id").GetString()!;
        var parent = order.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString()!;
        var requestId = Guid.NewGuid();

        using var response = await host.PatchOrderAsync(customer, orderId,
            $$"""{"ReferenceCustomerId":"{{customer}}","LineItems":[{"LineItemNumber":0,"OfferId":"{{MyAnalytics.ToLowerInvariant()}}","Quantity":10,"ParentSubscriptionId":"{{parent}}"}]}""",
            requestId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await ReadJsonAsync(response);
        Assert.Equal(orderId, patched.GetProperty("id").GetString());
        var items = patched.GetProperty("lineItems").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(1, items[1].GetProperty("lineItemNumber").GetInt32());
        Assert.Equal(MyAnalytics, items[1].GetProperty("offerId").GetString());
        Assert.Equal(parent, items[1].GetProperty("parentSubscriptionId").GetString());
        var ledger = await host.LedgerAsync();
        Assert.Equal([LedgerOrder.CreateKind, LedgerOrder.PatchKind], ledger.Select(e => e.Kind));
        var patch = ledger[1];
        Assert.Equal(orderId, patch.OrderId);
        Assert.Equal(requestId, patch.RequestId);
        Assert.Equal(Guid.Parse(parent), Assert.Single(patch.LineItems).ParentSubscriptionId);

        using var get = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders/{orderId}", UriKind.Relative));
        Assert.Equal(2, (await ReadJsonAsync(get)).GetProperty("lineItems").GetArrayLength());
    }

    [Fact]
    public async Task Patch_accepts_line_item_numbers_that_continue_the_order()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var order = await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 10)));
        var parent = order.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString();

        using var response = await host.PatchOrderAsync(customer, order.GetProperty("id").GetString()!,
            AddOnBody((1, MyAnalytics, 1, parent), (2, "F6AB8DBE-90C3-440D-BE5F-B28CA09ECD12", 1, parent)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0, 1, 2], (await ReadJsonAsync(response)).GetProperty("lineItems").EnumerateArray().Select(i => i.GetProperty("lineItemNumber").GetInt32()));
    }

    [Fact]
    public async Task Sandbox_endpoints_need_no_token_and_stats_count_outcomes()
    {
        await using var host = await StartAsync();
        await host.CreateOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)));
        using var bad = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, "nope", 1)));

        var stats = await host.StatsAsync();
        using var anonymous = Client(host.Server, token: null);
        var faults = await anonymous.GetStringAsync(new Uri("_sandbox/faults", UriKind.Relative));

        Assert.Equal(2, stats.TotalRequests);
        Assert.Equal(1, stats.RequestsByOutcome["201"]);
        Assert.Equal(1, stats.RequestsByOutcome["400"]);
        Assert.Equal(1, stats.OrdersCreated);
        Assert.Equal(2, JsonDocument.Parse(faults).RootElement.GetArrayLength());
        Assert.Single(host.Server.GetLedger());
    }

    [Fact]
    public async Task Unknown_api_path_is_a_404()
    {
        await using var host = await StartAsync();

        using var response = await host.Http.GetAsync(new Uri($"v1/customers/{NewCustomer()}/invoices", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
