using System.Net;
using System.Text.Json.Nodes;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox.PartnerData;

public class SubscriptionEndpointTests
{
    [Fact]
    public async Task A_customers_subscriptions_are_those_it_started_with_and_those_it_bought_since()
    {
        await using var host = await StartAsync();
        var order = await host.CreateOrderAsync(Seeded.Contoso, OrderBody("monthly", (0, BusinessBasic, 4)));

        var (status, list) = await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/subscriptions");
        var (_, ofOrder) = await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/subscriptions?order_id={order.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var nce = items.Single(s => s.GetProperty("id").GetString() == Seeded.ContosoNceE3Subscription);
        Assert.Equal((NceE3, "active", "P1Y", "monthly", "OnlineServicesNCE", Seeded.ContosoNceOrder),
            (nce.GetProperty("offerId").GetString(), nce.GetProperty("status").GetString(), nce.GetProperty("termDuration").GetString(),
             nce.GetProperty("billingCycle").GetString(), nce.GetProperty("productType").GetProperty("id").GetString(), nce.GetProperty("orderId").GetString()));
        var bought = Assert.Single(ofOrder.GetProperty("items").EnumerateArray());
        Assert.Equal((BusinessBasic, 4), (bought.GetProperty("offerId").GetString(), bought.GetProperty("quantity").GetInt32()));
        Assert.Equal(order.GetProperty("lineItems")[0].GetProperty("subscriptionId").GetString(), bought.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_subscription_is_read_by_id_with_its_status_and_another_customers_is_not_found()
    {
        await using var host = await StartAsync();

        var (_, suspended) = await host.GetJsonAsync($"v1/customers/{Seeded.Litware}/subscriptions/{Seeded.LitwareSuspendedSubscription}");

        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        Assert.Equal("Subscription", suspended.GetProperty("attributes").GetProperty("objectType").GetString());
        AssertError(await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/subscriptions/{Seeded.LitwareSuspendedSubscription}"), 404, 20003);
        AssertError(await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/subscriptions/{Guid.NewGuid()}"), 404, 20003);
    }

    [Fact]
    public async Task The_links_an_order_answers_with_lead_to_its_subscriptions_and_provisioning_statuses()
    {
        await using var host = await StartAsync();
        var order = await host.CreateOrderAsync(Seeded.Fabrikam, OrderBody("monthly", (0, E3, 2), (1, BusinessBasic, 3)));

        var line = order.GetProperty("lineItems")[1].GetProperty("links");
        var (subscriptionStatus, subscription) = await host.GetJsonAsync("v1" + line.GetProperty("subscription").GetProperty("uri").GetString());
        var (lineStatus, lineProvisioning) = await host.GetJsonAsync("v1" + line.GetProperty("provisioningStatus").GetProperty("uri").GetString());
        var (orderStatus, orderProvisioning) = await host.GetJsonAsync("v1" + order.GetProperty("links").GetProperty("provisioningStatus").GetProperty("uri").GetString());
        var (subscriptionProvisioningStatus, subscriptionProvisioning) =
            await host.GetJsonAsync($"v1/customers/{Seeded.Fabrikam}/subscriptions/{subscription.GetProperty("id").GetString()}/provisioningstatus");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK),
            (subscriptionStatus, lineStatus, orderStatus, subscriptionProvisioningStatus));
        Assert.Equal(3, subscription.GetProperty("quantity").GetInt32());
        Assert.Equal(1, lineProvisioning.GetProperty("lineItemNumber").GetInt32());
        Assert.Equal(2, orderProvisioning.GetProperty("totalCount").GetInt32());
        Assert.Equal("SubscriptionProvisioningStatus", subscriptionProvisioning.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task A_new_commerce_add_on_is_bought_through_a_cart_line_naming_its_parent_subscription()
    {
        await using var host = await StartAsync();
        var body = JsonNode.Parse(CartBody((0, NceTeamsPhoneAddOn, 10, "monthly", "P1Y")))!;
        body["LineItems"]![0]!["ProvisioningContext"] = new JsonObject { ["ParentSubscriptionId"] = Seeded.ContosoNceE3Subscription };

        var cart = await host.CreateCartAsync(Seeded.Contoso, body.ToJsonString());
        var result = await host.CheckOutCartAsync(Seeded.Contoso, cart.GetProperty("id").GetString()!);

        Assert.False(cart.GetProperty("lineItems")[0].TryGetProperty("error", out _));
        var line = result.GetProperty("orders")[0].GetProperty("lineItems")[0];
        Assert.Equal(Seeded.ContosoNceE3Subscription, line.GetProperty("parentSubscriptionId").GetString());
        var (_, subscription) = await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/subscriptions/{line.GetProperty("subscriptionId").GetString()}");
        Assert.Equal(Seeded.ContosoNceE3Subscription, subscription.GetProperty("parentSubscriptionId").GetString());
        Assert.Equal(Seeded.ContosoNceE3Subscription, Assert.Single(await host.LedgerAsync()).LineItems[0].ParentSubscriptionId?.ToString("D"));
    }

    [Theory]
    [InlineData(Seeded.Contoso, null, "UnableToProcessCartLineItem", "ProvisioningContext.ParentSubscriptionId")]
    [InlineData(Seeded.Litware, Seeded.LitwareSuspendedSubscription, "SubscriptionIsNotValid", "is suspended")]
    [InlineData(Seeded.Fabrikam, Seeded.ContosoNceE3Subscription, "SubscriptionIsNotValid", "is not a subscription of customer")]
    [InlineData(Seeded.Fabrikam, Seeded.FabrikamBusinessBasicSubscription, "SubscriptionIsNotValid", "is an add-on of")]
    public async Task A_new_commerce_add_on_without_a_usable_parent_is_refused_on_its_cart_line(string customer, string? parent, string code, string because)
    {
        await using var host = await StartAsync();
        var body = JsonNode.Parse(CartBody((0, NceTeamsPhoneAddOn, 10, "monthly", "P1Y")))!;
        if (parent is not null)
        {
            body["LineItems"]![0]!["ProvisioningContext"] = new JsonObject { ["ParentSubscriptionId"] = parent };
        }

        var cart = await host.CreateCartAsync(customer, body.ToJsonString());

        var error = cart.GetProperty("lineItems")[0].GetProperty("error");
        Assert.Equal(code, error.GetProperty("errorCode").GetString());
        Assert.Contains(because, error.GetProperty("errorDescription").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_add_on_to_a_suspended_parent_is_refused_409_27009()
    {
        await using var host = await StartAsync();

        using var response = await host.PatchOrderAsync(Seeded.AdventureWorks, Seeded.AdventureWorksSuspendedOrder,
            AddOnBody((1, ExchangeArchiving, 2, Seeded.AdventureWorksSuspendedSubscription)));

        await AssertErrorAsync(response, 409, 27009);
    }
}
