using System.Net;
using System.Text.Json.Nodes;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox.PartnerData;

/// <summary>What the service accepts from Microsoft's SDK and samples, and the sandbox must too.</summary>
public class FidelityTests
{
    private const string ExistingCustomer = "e5838571-7d5d-41ac-b147-b2a27b18cd81";
    private const string ExistingOrder = "Cs_SE83pKlsRjU9CcJFJ8yFDfoAm6mt3";
    private const string ExistingParent = "0e18d005-f9af-4f19-b172-3ab08d643db2";

    [Theory]
    [InlineData(null)]
    [InlineData("unknown")]
    [InlineData("Unknown")]
    public async Task An_add_on_patch_without_a_billing_cycle_takes_the_orders(string? billingCycle)
    {
        await using var host = await StartAsync();
        var body = JsonNode.Parse(AddOnBody((1, MyAnalytics, 2, ExistingParent)))!;
        body["ReferenceCustomerId"] = ExistingCustomer;
        body["Attributes"] = new JsonObject { ["ObjectType"] = "Order" };
        body["LineItems"]![0]!["Attributes"] = new JsonObject { ["ObjectType"] = "OrderLineItem" };
        if (billingCycle is not null)
        {
            body["BillingCycle"] = billingCycle;
        }

        using var response = await host.PatchOrderAsync(ExistingCustomer, ExistingOrder, body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("monthly", (await ReadJsonAsync(response)).GetProperty("billingCycle").GetString());
    }

    [Fact]
    public async Task An_order_with_the_sdks_unknown_billing_cycle_takes_the_default()
    {
        await using var host = await StartAsync();

        var order = await host.CreateOrderAsync(NewCustomer(), OrderBody("unknown", (0, E3, 1)));

        Assert.Equal("monthly", order.GetProperty("billingCycle").GetString());
    }

    [Fact]
    public async Task Currency_code_in_a_request_is_accepted_when_it_is_the_customers_currency()
    {
        await using var host = await StartAsync();
        var usd = JsonNode.Parse(OrderBody("monthly", (0, E3, 1)))!;
        usd["CurrencyCode"] = "USD";
        var eur = JsonNode.Parse(OrderBody("monthly", (0, E3, 1)))!;
        eur["CurrencyCode"] = "EUR";

        var accepted = await host.CreateOrderAsync(Seeded.Contoso, usd.ToJsonString());
        using var refused = await host.PostOrderAsync(Seeded.Contoso, eur.ToJsonString());
        var german = await host.CreateOrderAsync(Seeded.WingtipToys, eur.ToJsonString());

        Assert.Equal("USD", accepted.GetProperty("currencyCode").GetString());
        Assert.Contains("billed in USD", await AssertErrorAsync(refused, 400, 800002), StringComparison.Ordinal);
        Assert.Equal("EUR", german.GetProperty("currencyCode").GetString());
    }

    [Fact]
    public async Task The_object_type_is_checked_alike_on_orders_and_carts()
    {
        await using var host = await StartAsync();
        var order = JsonNode.Parse(OrderBody("monthly", (0, E3, 1)))!;
        order["Attributes"] = new JsonObject { ["ObjectType"] = "Cart" };
        var cart = JsonNode.Parse(CartBody((0, NceE3, 1, "monthly", "P1M")))!;
        cart["Attributes"] = new JsonObject { ["ObjectType"] = "Order" };

        using var orderResponse = await host.PostOrderAsync(NewCustomer(), order.ToJsonString());
        using var cartResponse = await host.PostCartAsync(NewCustomer(), cart.ToJsonString());

        Assert.Contains("must be 'Order'", await AssertErrorAsync(orderResponse, 400, 800002), StringComparison.Ordinal);
        Assert.Contains("must be 'Cart'", await AssertErrorAsync(cartResponse, 400, 800002), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cart_is_updated_with_put_keeping_its_id_and_expiry_and_is_then_checked_out_as_updated()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var cart = await host.CreateCartAsync(customer, CartBody((0, NceE3, 1, "monthly", "P1M")));
        var cartId = cart.GetProperty("id").GetString()!;

        using var put = await host.SendAsync(HttpMethod.Put, $"v1/customers/{customer}/carts/{cartId}",
            CartBody((0, NceE3, 7, "monthly", "P1Y"), (1, NceBusinessBasic, 2, "annual", "P1Y")), Guid.NewGuid());
        var updated = await ReadJsonAsync(put);
        var result = await host.CheckOutCartAsync(customer, cartId);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(cartId, updated.GetProperty("id").GetString());
        Assert.Equal(cart.GetProperty("expirationTimestamp").GetDateTime(), updated.GetProperty("expirationTimestamp").GetDateTime());
        Assert.Equal(2, updated.GetProperty("lineItems").GetArrayLength());
        Assert.Equal(2, result.GetProperty("orders").GetArrayLength());
        Assert.Equal(7, result.GetProperty("orders")[0].GetProperty("lineItems")[0].GetProperty("quantity").GetInt32());
        using var again = await host.SendAsync(HttpMethod.Put, $"v1/customers/{customer}/carts/{cartId}", CartBody((0, NceE3, 1, "monthly", "P1M")));
        await AssertErrorAsync(again, 400, 800002);
        using var missing = await host.SendAsync(HttpMethod.Put, $"v1/customers/{customer}/carts/{Guid.NewGuid()}", CartBody((0, NceE3, 1, "monthly", "P1M")));
        await AssertErrorAsync(missing, 404, 800008);
    }

    [Fact]
    public async Task A_customers_orders_are_filtered_by_billing_type_as_the_sdk_and_the_docs_spell_it()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        await host.CreateOrderAsync(customer, OrderBody("one_time", (0, "C3785A8B-6D90-41DA-8526-8F597D6B9A25", 1)));

        var (_, all) = await host.GetJsonAsync($"v1/customers/{customer}/orders");
        var (_, oneTime) = await host.GetJsonAsync($"v1/customers/{customer}/orders?billingType=onetime");
        var (_, sdkOneTime) = await host.GetJsonAsync($"v1/customers/{customer}/orders?billingType=OneTime");
        var (_, monthly) = await host.GetJsonAsync($"v1/customers/{customer}/orders?billingType=Monthly");
        var (_, unknown) = await host.GetJsonAsync($"v1/customers/{customer}/orders?billingType=Unknown");

        Assert.Equal(2, all.GetProperty("totalCount").GetInt32());
        Assert.Equal("one_time", Assert.Single(oneTime.GetProperty("items").EnumerateArray()).GetProperty("billingCycle").GetString());
        Assert.Equal(1, sdkOneTime.GetProperty("totalCount").GetInt32());
        Assert.Equal("monthly", Assert.Single(monthly.GetProperty("items").EnumerateArray()).GetProperty("billingCycle").GetString());
        Assert.Equal(2, unknown.GetProperty("totalCount").GetInt32());
        AssertError(await host.GetJsonAsync($"v1/customers/{customer}/orders?billingType=weekly"), 400, 800002);
    }
}
