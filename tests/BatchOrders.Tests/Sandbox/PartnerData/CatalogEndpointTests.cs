using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox.PartnerData;

public class CatalogEndpointTests
{
    [Fact]
    public async Task Products_of_a_country_are_the_seeded_new_commerce_offers_and_a_country_is_required()
    {
        await using var host = await StartAsync();

        var (status, products) = await host.GetJsonAsync("v1/products?country=US&targetView=OnlineServicesNCE");
        var (_, legacyView) = await host.GetJsonAsync("v1/products?country=US&targetView=MicrosoftAzure");

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = products.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Contains("CFQ7TTC0LFLX", ids);
        Assert.Contains("CFQ7TTC0LHVK", ids);
        Assert.Equal(ids.Count, products.GetProperty("totalCount").GetInt32());
        Assert.Equal("OnlineServicesNCE", products.GetProperty("items")[0].GetProperty("productType").GetProperty("id").GetString());
        Assert.Equal(0, legacyView.GetProperty("totalCount").GetInt32());
        AssertError(await host.GetJsonAsync("v1/products?targetView=OnlineServicesNCE"), 400, 800002);
    }

    [Fact]
    public async Task A_sku_carries_its_quantities_billing_cycles_and_whether_it_is_an_add_on_of_which_skus()
    {
        await using var host = await StartAsync();

        var (_, windows) = await host.GetJsonAsync("v1/products/CFQ7TTC0LHVK/skus/0001?country=US");
        var (_, teamsPhone) = await host.GetJsonAsync("v1/products/CFQ7TTC0LH05/skus/0001?country=US");

        Assert.Equal(5, windows.GetProperty("minimumQuantity").GetInt32());
        Assert.Equal(1000, windows.GetProperty("maximumQuantity").GetInt32());
        Assert.Equal(["monthly", "annual"], windows.GetProperty("supportedBillingCycles").EnumerateArray().Select(c => c.GetString()));
        Assert.False(windows.GetProperty("dynamicAttributes").GetProperty("isAddon").GetBoolean());
        Assert.True(teamsPhone.GetProperty("dynamicAttributes").GetProperty("isAddon").GetBoolean());
        Assert.Equal(["CFQ7TTC0LFLX:0001", "CFQ7TTC0LFK5:0001"],
            teamsPhone.GetProperty("dynamicAttributes").GetProperty("prerequisiteSkus").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task An_availability_lists_the_terms_and_billing_cycles_it_sells()
    {
        await using var host = await StartAsync();

        var (_, list) = await host.GetJsonAsync("v1/products/CFQ7TTC0LH18/skus/0001/availabilities?country=GB");
        var availability = list.GetProperty("items")[0];

        Assert.Equal(NceBusinessBasic, availability.GetProperty("catalogItemId").GetString());
        Assert.Equal("CFQ7TTC0K8P5", availability.GetProperty("id").GetString());
        Assert.Equal("GB", availability.GetProperty("country").GetString());
        Assert.Equal("GBP", availability.GetProperty("defaultCurrency").GetProperty("code").GetString());
        Assert.True(availability.GetProperty("isPurchasable").GetBoolean());
        Assert.Equal(["P1M monthly", "P1Y monthly", "P1Y annual"],
            availability.GetProperty("terms").EnumerateArray().Select(t => $"{t.GetProperty("duration").GetString()} {t.GetProperty("billingCycle").GetString()}"));
        var (status, byId) = await host.GetJsonAsync("v1/products/CFQ7TTC0LH18/skus/0001/availabilities/CFQ7TTC0K8P5?country=GB");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(availability.GetProperty("terms").GetRawText(), byId.GetProperty("terms").GetRawText());
    }

    [Fact]
    public async Task Not_found_answers_400013_for_a_product_400018_for_a_sku_and_400019_for_an_availability()
    {
        await using var host = await StartAsync();

        AssertError(await host.GetJsonAsync("v1/products/NOSUCHPRODUCT?country=US"), 404, 400013);
        AssertError(await host.GetJsonAsync("v1/products/NOSUCHPRODUCT/skus/0001?country=US"), 404, 400013);
        AssertError(await host.GetJsonAsync("v1/products/CFQ7TTC0LFLX/skus/0099?country=US"), 404, 400018);
        AssertError(await host.GetJsonAsync("v1/products/CFQ7TTC0LFLX/skus/0001/availabilities/NOSUCH?country=US"), 404, 400019);
        AssertError(await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/products/CFQ7TTC0LFLX/skus/0001/availabilities/NOSUCH"), 404, 400019);
    }

    [Fact]
    public async Task By_customer_the_catalog_follows_the_customers_country_and_segment()
    {
        await using var host = await StartAsync();

        // Windows 365 Enterprise is sold in US and GB only; the A3 faculty SKU to education customers only.
        var (_, germany) = await host.GetJsonAsync($"v1/customers/{Seeded.WingtipToys}/products/CFQ7TTC0LHVK/skus/0001/availabilities");
        var (_, britain) = await host.GetJsonAsync($"v1/customers/{Seeded.AdventureWorks}/products/CFQ7TTC0LHVK/skus/0001/availabilities");
        var (_, commercial) = await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/products/CFQ7TTC0LFK9/skus/0002/availabilities");
        var (_, education) = await host.GetJsonAsync($"v1/customers/{Seeded.Woodgrove}/products/CFQ7TTC0LFK9/skus/0002/availabilities");

        Assert.Equal(0, germany.GetProperty("totalCount").GetInt32());
        Assert.Equal("GB", britain.GetProperty("items")[0].GetProperty("country").GetString());
        Assert.Equal(0, commercial.GetProperty("totalCount").GetInt32());
        Assert.Equal("education", education.GetProperty("items")[0].GetProperty("segment").GetString());
        AssertError(await host.GetJsonAsync($"v1/customers/{Seeded.WingtipToys}/products/CFQ7TTC0LHVK/skus/0001/availabilities/CFQ7TTC0KBZ7"), 404, 400019);
        var (_, notPurchasable) = await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/products/CFQ7TTC0LFKB/skus/0001/availabilities");
        Assert.False(notPurchasable.GetProperty("items")[0].GetProperty("isPurchasable").GetBoolean());
    }

    [Fact]
    public async Task A_rotation_reissues_every_availability_id_and_the_old_one_is_gone_on_reads_and_cart_lines()
    {
        await using var host = await StartAsync();
        var before = NceBusinessBasic;

        var generation = host.Server.RotateAvailabilities();
        var today = host.Server.CurrentCatalogItemId(NceBusinessBasic);

        Assert.Equal(1, generation);
        Assert.NotEqual(before, today);
        Assert.StartsWith("CFQ7TTC0LH18:0001:", today, StringComparison.Ordinal);
        var (_, list) = await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/products/CFQ7TTC0LH18/skus/0001/availabilities");
        Assert.Equal(today, list.GetProperty("items")[0].GetProperty("catalogItemId").GetString());
        AssertError(await host.GetJsonAsync($"v1/customers/{Seeded.Contoso}/products/CFQ7TTC0LH18/skus/0001/availabilities/{before.Split(':')[2]}"), 404, 400019);
        var cart = await host.CreateCartAsync(Seeded.Contoso, CartBody((0, before, 1, "monthly", "P1M"), (1, today, 1, "monthly", "P1M")));
        var lines = cart.GetProperty("lineItems");
        Assert.Equal("CatalogItemIdIsNotValid", lines[0].GetProperty("error").GetProperty("errorCode").GetString());
        Assert.Contains("no longer current", lines[0].GetProperty("error").GetProperty("errorDescription").GetString(), StringComparison.Ordinal);
        Assert.False(lines[1].TryGetProperty("error", out _));
        using var order = await host.PostOrderAsync(Seeded.Contoso, """{"BillingCycle":"monthly","LineItems":[{"LineItemNumber":0,"OfferId":"CFQ7TTC0LH18:0001:CFQ7TTC0K8P5","Quantity":1,"TermDuration":"P1M"}]}""");
        await AssertErrorAsync(order, 400, 800004);
    }

    [Fact]
    public async Task Availabilities_rotate_on_the_schedule_set()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(o => o.AvailabilityRotation = TimeSpan.FromMinutes(30), time);

        var first = host.Server.CurrentCatalogItemId(NceE3);
        time.Advance(TimeSpan.FromMinutes(29));
        var stillFirst = host.Server.CurrentCatalogItemId(NceE3);
        time.Advance(TimeSpan.FromMinutes(1));
        var second = host.Server.CurrentCatalogItemId(NceE3);
        time.Advance(TimeSpan.FromMinutes(30));
        var third = host.Server.CurrentCatalogItemId(NceE3);

        Assert.Equal(NceE3, first);
        Assert.Equal(first, stillFirst);
        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
    }

    [Fact]
    public async Task A_legacy_offer_answers_with_its_limits_and_whether_it_is_still_sold()
    {
        await using var host = await StartAsync();

        var (status, offer) = await host.GetJsonAsync($"v1/offers/{BusinessBasic}?country=US");
        var (_, retired) = await host.GetJsonAsync($"v1/offers/{Seeded.LegacyRetired}?country=US");
        var (_, addOn) = await host.GetJsonAsync($"v1/offers/{MyAnalytics}?country=US");
        var (_, addOns) = await host.GetJsonAsync($"v1/offers/{E3}/addons?country=US");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 300, true), (offer.GetProperty("minimumQuantity").GetInt32(), offer.GetProperty("maximumQuantity").GetInt32(),
            offer.GetProperty("isAvailableForPurchase").GetBoolean()));
        Assert.False(retired.GetProperty("isAvailableForPurchase").GetBoolean());
        Assert.True(addOn.GetProperty("isAddOn").GetBoolean());
        Assert.Equal([E3], addOn.GetProperty("prerequisiteOffers").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains(MyAnalytics, addOns.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_offers_api_refuses_new_commerce_ids_and_answers_404_where_an_offer_is_not_sold()
    {
        await using var host = await StartAsync();

        AssertError(await host.GetJsonAsync($"v1/offers/{NceE3}?country=US"), 400, 2100);
        AssertError(await host.GetJsonAsync($"v1/offers/{Seeded.LegacyUsGbOnly}?country=DE"), 404, 1000);
        AssertError(await host.GetJsonAsync($"v1/offers/{Guid.NewGuid()}?country=US"), 404, 1000);
    }

    [Theory]
    [InlineData(Seeded.Contoso, Seeded.LegacyRetired, 403, 2091)]
    [InlineData(Seeded.Contoso, Seeded.NceNotPurchasable, 403, 2091)]
    [InlineData(Seeded.WingtipToys, Seeded.LegacyUsGbOnly, 400, 800070)]
    [InlineData(Seeded.Contoso, Seeded.NceEducation, 403, 2085)]
    public async Task An_order_for_an_offer_the_customer_cannot_buy_is_refused_with_the_documented_code(string customer, string offer, int status, int code)
    {
        await using var host = await StartAsync();
        var term = offer.Contains(':', StringComparison.Ordinal) ? ",\"TermDuration\":\"P1M\"" : "";

        using var response = await host.PostOrderAsync(customer, $$"""{"BillingCycle":"monthly","LineItems":[{"LineItemNumber":0,"OfferId":"{{offer}}","Quantity":1{{term}}}]}""");

        await AssertErrorAsync(response, status, code);
    }

    [Fact]
    public async Task A_cart_line_the_customer_cannot_buy_carries_an_error_saying_why()
    {
        await using var host = await StartAsync();

        var german = await host.CreateCartAsync(Seeded.WingtipToys, CartBody((0, NceWindows365, 5, "monthly", "P1M")));
        var commercial = await host.CreateCartAsync(Seeded.Contoso, CartBody((0, Seeded.NceEducation, 5, "monthly", "P1M"), (1, Seeded.NceNotPurchasable, 1, "monthly", "P1M")));
        var education = await host.CreateCartAsync(Seeded.Woodgrove, CartBody((0, Seeded.NceEducation, 5, "monthly", "P1M")));

        Assert.Contains("country (DE)", Error(german, 0), StringComparison.Ordinal);
        Assert.Contains("education customers only", Error(commercial, 0), StringComparison.Ordinal);
        Assert.Contains("no longer available", Error(commercial, 1), StringComparison.Ordinal);
        Assert.False(education.GetProperty("lineItems")[0].TryGetProperty("error", out _));
    }

    private static string Error(JsonElement cart, int line) =>
        cart.GetProperty("lineItems")[line].GetProperty("error").GetProperty("errorDescription").GetString()!;
}
