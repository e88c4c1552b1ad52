using System.Net;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class BusinessRuleTests
{
    public static TheoryData<string, string, int, int> RejectedCreates => new()
    {
        { "body is not JSON", "this is not json", 400, 800002 },
        { "body is a JSON array", "[]", 400, 800002 },
        { "LineItems missing", """{"BillingCycle":"monthly"}""", 400, 800002 },
        { "LineItems empty", """{"BillingCycle":"monthly","LineItems":[]}""", 400, 800002 },
        { "OfferId missing", """{"LineItems":[{"LineItemNumber":0,"Quantity":1}]}""", 400, 800002 },
        { "Quantity not a number", $$"""{"LineItems":[{"LineItemNumber":0,"OfferId":"{{E3}}","Quantity":"ten"}]}""", 400, 800002 },
        { "read-only status with a default value", $$"""{"Status":"none","LineItems":[{"LineItemNumber":0,"OfferId":"{{E3}}","Quantity":1}]}""", 400, 800002 },
        { "unknown offer", OrderBody("monthly", (0, "00000000-1111-2222-3333-444444444444", 1)), 400, 800004 },
        { "quantity zero", OrderBody("monthly", (0, E3, 0)), 400, 2002 },
        { "quantity over the offer maximum", OrderBody("monthly", (0, BusinessBasic, 301)), 400, 2002 },
        { "billing cycle not allowed for the offer", OrderBody("triennial", (0, E3, 1)), 400, 800002 },
        { "billing cycle that does not exist", OrderBody("fortnightly", (0, E3, 1)), 400, 800002 },
        { "parent subscription on a POST", $$"""{"LineItems":[{"LineItemNumber":0,"OfferId":"{{MyAnalytics}}","Quantity":1,"ParentSubscriptionId":"{{Guid.NewGuid()}}"}]}""", 400, 2000 },
        { "add-on without a parent on a POST", OrderBody("monthly", (0, MyAnalytics, 1)), 400, 800012 },
        { "line-item numbers with a gap", OrderBody("monthly", (0, E3, 1), (2, BusinessBasic, 1)), 400, 800071 },
        { "line-item numbers not from 0", OrderBody("monthly", (1, E3, 1)), 400, 800071 },
        { "line-item numbers repeated", OrderBody("monthly", (0, E3, 1), (0, BusinessBasic, 1)), 400, 800071 },
        { "too many line items", OrderBody("monthly", [.. Enumerable.Range(0, 51).Select(i => (i, E3, 1))]), 400, 800002 },
        { "term duration on a legacy offer", $$"""{"LineItems":[{"LineItemNumber":0,"OfferId":"{{E3}}","Quantity":1,"TermDuration":"P1Y"}]}""", 400, 800002 },
        { "term duration the offer does not sell", $$"""{"BillingCycle":"monthly","LineItems":[{"LineItemNumber":0,"OfferId":"CFQ7TTC0LH18:0001:CFQ7TTC0K8P5","Quantity":1,"TermDuration":"P3Y"}]}""", 400, 800002 },
        { "ReferenceCustomerId of another customer", $$"""{"ReferenceCustomerId":"{{Guid.NewGuid()}}","LineItems":[{"LineItemNumber":0,"OfferId":"{{E3}}","Quantity":1}]}""", 400, 800002 },
        { "PartnerIdOnRecord not digits", $$"""{"LineItems":[{"LineItemNumber":0,"OfferId":"{{E3}}","Quantity":1,"PartnerIdOnRecord":"abc"}]}""", 400, 800002 },
    };

    [Theory]
    [MemberData(nameof(RejectedCreates))]
    public async Task Create_is_rejected_with_the_partner_center_code_and_nothing_is_created(string rule, string body, int status, int code)
    {
        await using var host = await StartAsync();

        using var response = await host.PostOrderAsync(NewCustomer(), body);

        var description = await AssertErrorAsync(response, status, code);
        Assert.False(string.IsNullOrWhiteSpace(rule));
        Assert.DoesNotContain("Exception", description, StringComparison.Ordinal);
        Assert.Empty(await host.LedgerAsync());
    }

    [Fact]
    public async Task Line_item_limit_is_a_setting()
    {
        await using var host = await StartAsync(o => o.MaxLineItemsPerOrder = 2);

        using var three = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1), (1, E3, 1), (2, E3, 1)));
        using var two = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1), (1, E3, 1)));

        Assert.Contains("at most 2 line items", await AssertErrorAsync(three, 400, 800002), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
    }

    [Fact]
    public async Task Unknown_customer_is_404_with_code_60003_on_every_endpoint()
    {
        var unknown = Guid.NewGuid();
        await using var host = await StartAsync(o => o.UnknownCustomers.Add(unknown));
        var customer = unknown.ToString().ToUpperInvariant();

        using var create = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        using var list = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
        using var get = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders/Cs_x", UriKind.Relative));

        await AssertErrorAsync(create, 404, 60003);
        await AssertErrorAsync(list, 404, 60003);
        await AssertErrorAsync(get, 404, 60003);
    }

    [Fact]
    public async Task Customer_id_that_is_not_a_guid_is_400()
    {
        await using var host = await StartAsync();

        using var response = await host.PostOrderAsync("contoso", OrderBody("monthly", (0, E3, 1)));

        await AssertErrorAsync(response, 400, 800002);
    }

    [Theory]
    [InlineData("MS-RequestId")]
    [InlineData("MS-CorrelationId")]
    public async Task Request_and_correlation_ids_must_be_guids(string header)
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{NewCustomer()}/orders")
        {
            Content = new StringContent(OrderBody("monthly", (0, E3, 1)), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(header, "not-a-guid");

        using var response = await host.Http.SendAsync(request);

        Assert.Contains(header, await AssertErrorAsync(response, 400, 800002), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_of_an_unknown_order_is_404_with_code_20000()
    {
        await using var host = await StartAsync();

        using var response = await host.PatchOrderAsync(NewCustomer(), "Cs_unknown", AddOnBody((0, MyAnalytics, 1, Guid.NewGuid().ToString())));

        await AssertErrorAsync(response, 404, 20000);
    }

    [Fact]
    public async Task Patch_add_on_rules_answer_800012_800029_and_800002()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var e3 = await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 10)));
        var e3Order = e3.GetProperty("id").GetString()!;
        var e3Subscription = e3.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString();
        var other = await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        var otherSubscription = other.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString();
        var stranger = await host.CreateOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)));
        var strangerSubscription = stranger.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString();

        async Task Expect(string body, int status, int code)
        {
            using var response = await host.PatchOrderAsync(customer, e3Order, body);
            await AssertErrorAsync(response, status, code);
        }

        await Expect(AddOnBody((0, MyAnalytics, 1, null)), 400, 800012);
        await Expect(AddOnBody((0, MyAnalytics, 1, Guid.NewGuid().ToString())), 400, 800012);
        await Expect(AddOnBody((0, MyAnalytics, 1, strangerSubscription)), 400, 800012);
        await Expect(AddOnBody((0, MyAnalytics, 1, otherSubscription)), 400, 800012);
        await Expect(AddOnBody((0, ExchangeArchiving, 1, e3Subscription)), 400, 800029);
        await Expect(AddOnBody((0, BusinessBasic, 1, e3Subscription)), 400, 800029);
        await Expect(AddOnBody((0, BusinessBasic, 1, null)), 400, 800002);
        await Expect(AddOnBody((0, "nope", 1, e3Subscription)), 400, 800004);
        await Expect(AddOnBody((0, MyAnalytics, 0, e3Subscription)), 400, 2002);
        await Expect(AddOnBody((3, MyAnalytics, 1, e3Subscription)), 400, 800071);
        await Expect($$"""{"BillingCycle":"annual","LineItems":[{"LineItemNumber":0,"OfferId":"{{MyAnalytics}}","Quantity":1,"ParentSubscriptionId":"{{e3Subscription}}"}]}""", 400, 800002);
        await Expect("{}", 400, 800002);
        Assert.Equal(3, (await host.LedgerAsync()).Count);
    }

    [Fact]
    public async Task Exchange_archiving_attaches_to_either_exchange_plan()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var order = await host.CreateOrderAsync(customer, OrderBody("annual", (0, ExchangePlan1, 5)));

        using var response = await host.PatchOrderAsync(customer, order.GetProperty("id").GetString()!,
            AddOnBody((0, ExchangeArchiving, 5, order.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
