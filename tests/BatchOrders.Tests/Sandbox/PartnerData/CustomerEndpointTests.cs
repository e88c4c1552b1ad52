using System.Net;
using System.Text.Json;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox.PartnerData;

public class CustomerEndpointTests
{
    [Fact]
    public async Task A_seeded_customer_answers_with_its_relationship_and_the_billing_profiles_country()
    {
        await using var host = await StartAsync();

        var (status, customer) = await host.GetJsonAsync($"v1/customers/{Seeded.WingtipToys}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Seeded.WingtipToys, customer.GetProperty("id").GetString());
        Assert.Equal("reseller", customer.GetProperty("relationshipToPartner").GetString());
        Assert.Equal("Wingtip Toys GmbH", customer.GetProperty("companyProfile").GetProperty("companyName").GetString());
        Assert.Equal("DE", customer.GetProperty("billingProfile").GetProperty("defaultAddress").GetProperty("country").GetString());
        Assert.Equal("Customer", customer.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task Without_delegated_access_the_company_address_is_left_out_and_the_billing_profile_still_names_the_country()
    {
        await using var host = await StartAsync();

        var (_, customer) = await host.GetJsonAsync($"v1/customers/{Seeded.AlpineSkiHouse}");
        var (profileStatus, profile) = await host.GetJsonAsync($"v1/customers/{Seeded.AlpineSkiHouse}/profiles/billing");

        Assert.False(customer.GetProperty("companyProfile").TryGetProperty("address", out _));
        Assert.False(customer.GetProperty("allowDelegatedAccess").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, profileStatus);
        Assert.Equal("GB", profile.GetProperty("defaultAddress").GetProperty("country").GetString());
        Assert.Equal("CustomerBillingProfile", profile.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task Any_other_guid_is_a_us_reseller_customer_and_an_unknown_one_is_not_found()
    {
        var unknown = Guid.NewGuid();
        await using var host = await StartAsync(o => o.UnknownCustomers.Add(unknown));

        var (_, implicitCustomer) = await host.GetJsonAsync($"v1/customers/{NewCustomer()}");
        var notFound = await host.GetJsonAsync($"v1/customers/{unknown}");
        var notFoundSubscriptions = await host.GetJsonAsync($"v1/customers/{unknown}/subscriptions");

        Assert.Equal("reseller", implicitCustomer.GetProperty("relationshipToPartner").GetString());
        Assert.Equal("US", implicitCustomer.GetProperty("billingProfile").GetProperty("defaultAddress").GetProperty("country").GetString());
        AssertError(notFound, 404, 60003);
        AssertError(notFoundSubscriptions, 404, 60003);
    }

    [Theory]
    [InlineData(Seeded.Tailspin)]
    [InlineData(Seeded.Lamna)]
    public async Task A_customer_without_a_commerce_relationship_answers_403_20002_on_every_route(string customer)
    {
        await using var host = await StartAsync();

        AssertError(await host.GetJsonAsync($"v1/customers/{customer}"), 403, 20002);
        AssertError(await host.GetJsonAsync($"v1/customers/{customer}/subscriptions"), 403, 20002);
        AssertError(await host.GetJsonAsync($"v1/customers/{customer}/products/CFQ7TTC0LFLX/skus/0001/availabilities"), 403, 20002);
        using var order = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        await AssertErrorAsync(order, 403, 20002);
        using var cart = await host.PostCartAsync(customer, CartBody((0, NceE3, 1, "monthly", "P1M")));
        await AssertErrorAsync(cart, 403, 20002);
        Assert.Empty(await host.LedgerAsync());
    }

    [Fact]
    public async Task Qualifications_name_education_for_an_education_customer_and_none_for_a_commercial_one()
    {
        await using var host = await StartAsync();

        var (_, education) = await host.GetJsonAsync($"v1/customers/{Seeded.Woodgrove}/qualifications");
        var (_, commercial) = await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/qualifications");
        var (_, single) = await host.GetJsonAsync($"v1/customers/{Seeded.Woodgrove}/qualification");

        Assert.Equal("Education", education[0].GetProperty("qualification").GetString());
        Assert.Equal("Approved", education[0].GetProperty("vettingStatus").GetString());
        Assert.Equal(0, commercial.GetArrayLength());
        Assert.Equal("education", single.GetString());
    }

    [Theory]
    [InlineData(Seeded.Contoso, "Allowed")]
    [InlineData(Seeded.Northwind, "UnderReview")]
    [InlineData(Seeded.CohoWinery, "NotAllowed")]
    [InlineData(Seeded.TreyResearch, "Unknown")]
    public async Task The_account_validation_status_is_answered_for_type_account(string customer, string expected)
    {
        await using var host = await StartAsync();

        var (status, answer) = await host.GetJsonAsync($"v1/customers/{customer}/validationStatus?type=account");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("account", answer.GetProperty("type").GetString());
        Assert.Equal(expected, answer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_customer_with_no_status_on_record_answers_404_600074_and_a_missing_type_400()
    {
        await using var host = await StartAsync();

        AssertError(await host.GetJsonAsync($"v1/customers/{Seeded.Litware}/validationStatus?type=account"), 404, 600074);
        AssertError(await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/validationStatus"), 400, 800002);
    }

    [Theory]
    [InlineData(Seeded.Northwind, 800073)]
    [InlineData(Seeded.TreyResearch, 800074)]
    [InlineData(Seeded.CohoWinery, 800075)]
    public async Task A_blocked_account_is_refused_an_order_and_a_checkout_but_may_put_a_cart_together(string customer, int code)
    {
        await using var host = await StartAsync();

        using var order = await host.PostOrderAsync(customer, OrderBody("monthly", (0, E3, 1)));
        await AssertErrorAsync(order, 403, code);
        var cart = await host.CreateCartAsync(customer, CartBody((0, NceE3, 1, "monthly", "P1M")));
        using var checkout = await host.PostCheckoutAsync(customer, cart.GetProperty("id").GetString()!);
        await AssertErrorAsync(checkout, 403, code);
        Assert.Empty(await host.LedgerAsync());
    }

    [Fact]
    public async Task Sandbox_customers_lists_every_seeded_customer_for_a_tester_to_build_files_from()
    {
        await using var host = await StartAsync();
        using var anonymous = Client(host.Server, token: null);

        var customers = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("_sandbox/customers", UriKind.Relative))).RootElement;

        var byId = customers.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.True(byId.Count >= 12);
        Assert.Equal(3, byId.Values.Select(c => c.GetProperty("country").GetString()).Distinct().Count());
        Assert.All(byId.Values.GroupBy(c => c.GetProperty("country").GetString()), g => Assert.True(g.Count() >= 3));
        Assert.Equal("none", byId[Seeded.Tailspin].GetProperty("relationship").GetString());
        Assert.Equal("UnderReview", byId[Seeded.Northwind].GetProperty("accountStatus").GetString());
        Assert.Equal("Education", byId[Seeded.Woodgrove].GetProperty("segment").GetString());
        Assert.Equal("EUR", byId[Seeded.WingtipToys].GetProperty("currency").GetString());
        var subscriptions = byId[Seeded.Contoso].GetProperty("subscriptions").EnumerateArray().ToList();
        Assert.Contains(subscriptions, s => s.GetProperty("id").GetString() == Seeded.ContosoNceE3Subscription && s.GetProperty("status").GetString() == "active");
        Assert.Equal("suspended", byId[Seeded.Litware].GetProperty("subscriptions")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Orders_and_carts_of_a_german_customer_are_priced_in_euros()
    {
        await using var host = await StartAsync();

        var order = await host.CreateOrderAsync(Seeded.Proseware, OrderBody("monthly", (0, E3, 3)));
        var cart = await host.CreateCartAsync(Seeded.Proseware, CartBody((0, NceE3, 1, "monthly", "P1M")));

        Assert.Equal("EUR", order.GetProperty("currencyCode").GetString());
        Assert.Equal("€", order.GetProperty("currencySymbol").GetString());
        Assert.Equal("EUR", cart.GetProperty("lineItems")[0].GetProperty("currencyCode").GetString());
    }
}
