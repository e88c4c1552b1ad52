using System.Net;
using System.Text.Json;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Time.Testing;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class CartEndpointTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Create_cart_answers_201_with_line_items_in_order_groups_by_billing_cycle()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time: time);
        var customer = NewCustomer();
        var body = CartBody(
            (0, NceE3, 5, "monthly", "P1Y"),
            (1, NceBusinessBasic, 3, "Annual", "P1Y"),
            (2, NceCopilot.ToLowerInvariant(), 2, "monthly", "p3y"),
            (3, NceBusinessPremium, 1, "triennial", "P3Y"));

        using var response = await host.PostCartAsync(customer, body, Guid.NewGuid());
        var cart = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var cartId = cart.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(cartId, out _));
        Assert.Equal("Active", cart.GetProperty("status").GetString());
        Assert.Equal(Start, cart.GetProperty("creationTimestamp").GetDateTimeOffset());
        Assert.Equal(Start, cart.GetProperty("lastModifiedTimestamp").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(7), cart.GetProperty("expirationTimestamp").GetDateTimeOffset());
        Assert.Equal($"/customers/{customer}/carts/{cartId}", cart.GetProperty("links").GetProperty("self").GetProperty("uri").GetString());
        Assert.Equal("Cart", cart.GetProperty("attributes").GetProperty("objectType").GetString());
        var lines = cart.GetProperty("lineItems").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], lines.Select(l => l.GetProperty("id").GetInt32()));
        Assert.Equal([NceE3, NceBusinessBasic, NceCopilot, NceBusinessPremium], lines.Select(l => l.GetProperty("catalogItemId").GetString()));
        Assert.Equal(["monthly", "annual", "monthly", "triennial"], lines.Select(l => l.GetProperty("billingCycle").GetString()));
        Assert.Equal(["P1Y", "P1Y", "P3Y", "P3Y"], lines.Select(l => l.GetProperty("termDuration").GetString()));
        Assert.Equal(["0", "1", "0", "2"], lines.Select(l => l.GetProperty("orderGroup").GetString()));
        Assert.All(lines, l => Assert.Equal("USD", l.GetProperty("currencyCode").GetString()));
        Assert.All(lines, l => Assert.False(l.TryGetProperty("error", out _)));

        using var get = await host.GetCartAsync(customer, cartId.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(cart.GetRawText(), (await ReadJsonAsync(get)).GetRawText());
        Assert.Equal(1, (await host.StatsAsync()).CartsCreated);
    }

    [Fact]
    public async Task Checkout_creates_one_order_per_order_group_with_the_lines_in_cart_order()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var cart = await host.CreateCartAsync(customer, CartBody(
            (0, NceE3, 5, "monthly", "P1Y"),
            (1, NceBusinessBasic, 3, "annual", "P1Y"),
            (2, NceCopilot, 2, "monthly", "P3Y")));
        var cartId = cart.GetProperty("id").GetString()!;
        var requestId = Guid.NewGuid();

        var result = await host.CheckOutCartAsync(customer, cartId, requestId);

        var orders = result.GetProperty("orders").EnumerateArray().ToList();
        Assert.Empty(result.GetProperty("orderErrors").EnumerateArray());
        Assert.Equal(["monthly", "annual"], orders.Select(o => o.GetProperty("billingCycle").GetString()));
        var monthly = orders[0].GetProperty("lineItems").EnumerateArray().ToList();
        Assert.Equal([0, 1], monthly.Select(l => l.GetProperty("lineItemNumber").GetInt32()));
        Assert.Equal([NceE3, NceCopilot], monthly.Select(l => l.GetProperty("offerId").GetString()));
        Assert.Equal([5, 2], monthly.Select(l => l.GetProperty("quantity").GetInt32()));
        Assert.Equal(["P1Y", "P3Y"], monthly.Select(l => l.GetProperty("termDuration").GetString()));
        Assert.All(orders, o => Assert.Equal("pending", o.GetProperty("status").GetString()));
        Assert.All(orders.SelectMany(o => o.GetProperty("lineItems").EnumerateArray()),
            l => Assert.True(Guid.TryParse(l.GetProperty("subscriptionId").GetString(), out _)));

        var ledger = await host.LedgerAsync();
        Assert.Equal(orders.Select(o => o.GetProperty("id").GetString()), ledger.Select(e => e.OrderId));
        Assert.All(ledger, e => Assert.Equal(cartId, e.CartId));
        Assert.All(ledger, e => Assert.Equal(LedgerOrder.CreateKind, e.Kind));
        Assert.All(ledger, e => Assert.Equal(requestId, e.RequestId));
        using var after = await host.GetCartAsync(customer, cartId);
        Assert.Equal("Ordered", (await ReadJsonAsync(after)).GetProperty("status").GetString());
        var stats = await host.StatsAsync();
        Assert.Equal((1, 1, 2), (stats.CartsCreated, stats.CartsCheckedOut, stats.OrdersCreated));
    }

    [Fact]
    public async Task Orders_from_a_checkout_are_read_back_like_any_other_order_and_only_they_carry_a_cart_id()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var legacy = await host.CreateOrderAsync(customer, OrderBody("monthly", (0, E3, 4)));
        var nceThroughOrders = await host.CreateOrderAsync(customer, OrderBody("monthly", (0, NceBusinessPremium, 2)));
        var cart = await host.CreateCartAsync(customer, CartBody((0, NceE3, 7, "annual", "P1Y")));
        var checkout = await host.CheckOutCartAsync(customer, cart.GetProperty("id").GetString()!);
        var orderId = checkout.GetProperty("orders")[0].GetProperty("id").GetString()!;

        using var list = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative));
        using var one = await host.Http.GetAsync(new Uri($"v1/customers/{customer}/orders/{orderId}", UriKind.Relative));

        var listed = (await ReadJsonAsync(list)).GetProperty("items").EnumerateArray().Single(o => o.GetProperty("id").GetString() == orderId);
        Assert.Equal("annual", listed.GetProperty("billingCycle").GetString());
        Assert.True(listed.TryGetProperty("creationDate", out _));
        var line = Assert.Single(listed.GetProperty("lineItems").EnumerateArray());
        Assert.Equal((NceE3, 7, "P1Y"), (line.GetProperty("offerId").GetString(), line.GetProperty("quantity").GetInt32(), line.GetProperty("termDuration").GetString()));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(listed.GetProperty("lineItems").GetRawText(), (await ReadJsonAsync(one)).GetProperty("lineItems").GetRawText());

        using var anonymous = Client(host.Server, token: null);
        var ledger = (await ReadJsonAsync(await anonymous.GetAsync(new Uri("_sandbox/ledger", UriKind.Relative)))).EnumerateArray().ToList();
        Assert.Equal([JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.String], ledger.Select(e => e.GetProperty("cartId").ValueKind));
        Assert.Equal(
            [legacy.GetProperty("id").GetString(), nceThroughOrders.GetProperty("id").GetString(), orderId],
            ledger.Select(e => e.GetProperty("orderId").GetString()));
    }

    [Theory]
    [InlineData("CFQ7TTC0ZZZZ:0001:CFQ7TTC0ZZZZ", 1, "monthly", "P1M", "CatalogItemIdIsNotValid", "is not valid")]
    [InlineData(E3, 1, "monthly", null, "LegacyOfferNotEligibleForPurchase", "legacy offer")]
    [InlineData(NceTeamsPhoneAddOn, 1, "monthly", "P1M", "UnableToProcessCartLineItem", "ProvisioningContext.ParentSubscriptionId")]
    [InlineData(NceBusinessBasic, 301, "monthly", "P1M", "InvalidInput", "between 1 and 300")]
    [InlineData(NceWindows365, 2, "monthly", "P1M", "InvalidInput", "between 5 and 1000")]
    [InlineData(NceBusinessBasic, 1, "triennial", "P1Y", "InvalidInput", "Billing cycle 'triennial' is not available")]
    [InlineData(NceBusinessBasic, 1, "monthly", "P3Y", "InvalidInput", "TermDuration 'P3Y' is not available")]
    [InlineData(NceE3, 1, "monthly", null, "InvalidInput", "TermDuration is required")]
    [InlineData(NceE3, 1, "annual", "P1M", "InvalidInput", "does not go with term P1M")]
    public async Task A_line_that_cannot_be_bought_carries_an_error_and_no_order_group(
        string catalogItemId, int quantity, string billingCycle, string? term, string errorCode, string because)
    {
        await using var host = await StartAsync();

        var cart = await host.CreateCartAsync(NewCustomer(), CartBody((0, NceE3, 1, "monthly", "P1M"), (1, catalogItemId, quantity, billingCycle, term)));

        var lines = cart.GetProperty("lineItems");
        Assert.False(lines[0].TryGetProperty("error", out _));
        Assert.Equal("0", lines[0].GetProperty("orderGroup").GetString());
        Assert.False(lines[1].TryGetProperty("orderGroup", out _));
        var error = lines[1].GetProperty("error");
        Assert.Equal(errorCode, error.GetProperty("errorCode").GetString());
        Assert.Contains(because, error.GetProperty("errorDescription").GetString(), StringComparison.Ordinal);
        Assert.Contains("cart line item 1", error.GetProperty("errorDescription").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_of_a_cart_whose_line_items_hold_errors_is_refused_and_orders_nothing()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var cart = await host.CreateCartAsync(customer, CartBody((0, NceE3, 1, "monthly", "P1M"), (1, NceBusinessBasic, 999, "monthly", "P1M")));
        var cartId = cart.GetProperty("id").GetString()!;

        using var checkout = await host.PostCheckoutAsync(customer, cartId, Guid.NewGuid());

        Assert.Contains("line item(s) 1", await AssertErrorAsync(checkout, 400, 800009), StringComparison.Ordinal);
        Assert.Empty(await host.LedgerAsync());
        using var after = await host.GetCartAsync(customer, cartId);
        Assert.Equal("Active", (await ReadJsonAsync(after)).GetProperty("status").GetString());
        Assert.Equal(0, (await host.StatsAsync()).CartsCheckedOut);
    }

    [Theory]
    [InlineData("""{"LineItems":[{"Id":0,"CatalogItemId":"X:1:2","Quantity":1,"BillingCycle":"monthly"},{"Id":2,"CatalogItemId":"X:1:2","Quantity":1,"BillingCycle":"monthly"}]}""", 800071, "ids must run from 0 to 1")]
    [InlineData("""{"LineItems":[{"Id":0,"CatalogItemId":"X:1:2","Quantity":1,"BillingCycle":"monthly"}],"Attributes":{"ObjectType":"Order"}}""", 800002, "ObjectType must be 'Cart'")]
    [InlineData("""{"LineItems":[]}""", 800002, "LineItems is required")]
    [InlineData("""[]""", 800002, "must be a JSON object")]
    [InlineData("""{"LineItems":[{"Id":0,"CatalogItemId":"X:1:2","Quantity":1}]}""", 800002, "BillingCycle is required")]
    [InlineData("""{"LineItems":[{"Id":0,"CatalogItemId":"X:1:2","Quantity":1,"BillingCycle":"unknown"}]}""", 800002, "BillingCycle is required")]
    [InlineData("""{"LineItems":[{"Id":0,"Quantity":1,"BillingCycle":"monthly"}]}""", 800002, "CatalogItemId is required")]
    [InlineData("""{"LineItems":[{"Id":0,"CatalogItemId":"X:1:2","Quantity":"two","BillingCycle":"monthly"}]}""", 800002, "Quantity is required")]
    [InlineData("""{"LineItems":[{"Id":0,"CatalogItemId":"X:1:2","Quantity":1,"BillingCycle":"monthly","Participants":[{"Key":"Advisor","Value":"1"}]}]}""", 800002, "TransactionReseller")]
    [InlineData("""{"LineItems":[{"Id":0,"CatalogItemId":"X:1:2","Quantity":1,"BillingCycle":"monthly","ProvisioningContext":{"a":1}}]}""", 800002, "ProvisioningContext")]
    public async Task A_body_that_cannot_be_read_is_refused_and_creates_no_cart(string body, int code, string because)
    {
        await using var host = await StartAsync();

        using var response = await host.PostCartAsync(NewCustomer(), body, Guid.NewGuid());

        Assert.Contains(because, await AssertErrorAsync(response, 400, code), StringComparison.Ordinal);
        Assert.Equal(0, (await host.StatsAsync()).CartsCreated);
    }

    [Fact]
    public async Task More_line_items_than_the_setting_allows_are_refused()
    {
        await using var host = await StartAsync(o => o.MaxLineItemsPerOrder = 2);

        using var response = await host.PostCartAsync(NewCustomer(), CartBody(
            (0, NceE3, 1, "monthly", "P1M"), (1, NceE3, 1, "monthly", "P1M"), (2, NceE3, 1, "monthly", "P1M")));

        Assert.Contains("at most 2 line items", await AssertErrorAsync(response, 400, 800002), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_SDK_body_with_its_read_only_defaults_and_a_reseller_participant_is_accepted()
    {
        await using var host = await StartAsync();
        var customer = NewCustomer();
        var body = $$$"""
            {"Id":null,"CreationTimestamp":null,"LastModifiedTimestamp":null,"ExpirationTimestamp":"0001-01-01T00:00:00","LastModifiedUser":null,
             "LineItems":[{"Id":0,"CatalogItemId":"{{{NceBusinessPremium}}}","FriendlyName":"Premium for Contoso","Quantity":12,"CurrencyCode":null,
               "BillingCycle":"Monthly","TermDuration":"P1Y","ProvisioningContext":{},"OrderGroup":null,"AddonItems":null,"Error":null,
               "PromotionId":null,"Participants":[{"Key":"TransactionReseller","Value":"5417762"}]}],
             "Links":null,"Attributes":{"ObjectType":"Cart"}}
            """;

        var cart = await host.CreateCartAsync(customer, body);
        await host.CheckOutCartAsync(customer, cart.GetProperty("id").GetString()!);

        var line = cart.GetProperty("lineItems")[0];
        Assert.Equal("Premium for Contoso", line.GetProperty("friendlyName").GetString());
        Assert.Equal("""[{"key":"TransactionReseller","value":"5417762"}]""", line.GetProperty("participants").GetRawText());
        var ordered = Assert.Single(Assert.Single(await host.LedgerAsync()).LineItems);
        Assert.Equal(("5417762", "Premium for Contoso", 12), (ordered.PartnerIdOnRecord, ordered.FriendlyName, ordered.Quantity));
    }

    [Fact]
    public async Task An_unknown_cart_or_another_customers_cart_is_404_with_code_800008()
    {
        await using var host = await StartAsync(o => o.UnknownCustomers.Add(Guid.Parse("2f0b61c4-6a0e-4d53-a7f5-0a5d0e9b7c11")));
        var customer = NewCustomer();
        var cartId = (await host.CreateCartAsync(customer, CartBody((0, NceE3, 1, "monthly", "P1M")))).GetProperty("id").GetString()!;

        using var unknownGet = await host.GetCartAsync(customer, Guid.NewGuid().ToString());
        using var otherCustomer = await host.PostCheckoutAsync(NewCustomer(), cartId);
        using var notAGuid = await host.PostCheckoutAsync(customer, "cart-1");
        using var unknownCustomer = await host.PostCartAsync("2f0b61c4-6a0e-4d53-a7f5-0a5d0e9b7c11", CartBody((0, NceE3, 1, "monthly", "P1M")));

        await AssertErrorAsync(unknownGet, 404, 800008);
        await AssertErrorAsync(otherCustomer, 404, 800008);
        await AssertErrorAsync(notAGuid, 404, 800008);
        await AssertErrorAsync(unknownCustomer, 404, 60003);
        Assert.Empty(await host.LedgerAsync());
    }

    [Fact]
    public async Task An_active_cart_expires_after_the_cart_lifetime_and_is_then_gone_without_ordering_anything()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time: time);
        var customer = NewCustomer();
        var body = CartBody((0, NceE3, 1, "monthly", "P1M"));
        var expiring = (await host.CreateCartAsync(customer, body)).GetProperty("id").GetString()!;
        var checkedOut = (await host.CreateCartAsync(customer, body)).GetProperty("id").GetString()!;
        var firstResult = await host.CheckOutCartAsync(customer, checkedOut);

        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        using var stillThere = await host.GetCartAsync(customer, expiring);
        time.Advance(TimeSpan.FromSeconds(1));
        using var gone = await host.GetCartAsync(customer, expiring);
        using var checkout = await host.PostCheckoutAsync(customer, expiring, Guid.NewGuid());
        var replay = await host.CheckOutCartAsync(customer, checkedOut, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Contains("expired at 2025-03-08T09:00:00Z", await AssertErrorAsync(gone, 404, 800008), StringComparison.Ordinal);
        Assert.Contains("create a new cart", await AssertErrorAsync(checkout, 404, 800008), StringComparison.Ordinal);
        Assert.Equal(firstResult.GetRawText(), replay.GetRawText());
        Assert.Single(await host.LedgerAsync());
    }

    [Fact]
    public async Task The_cart_lifetime_is_a_setting()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(o => o.CartLifetime = TimeSpan.FromHours(1), time);

        var cart = await host.CreateCartAsync(NewCustomer(), CartBody((0, NceE3, 1, "monthly", "P1M")));

        Assert.Equal(Start.AddHours(1), cart.GetProperty("expirationTimestamp").GetDateTimeOffset());
    }
}
