using System.Net;
using System.Text.Json.Nodes;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox.PartnerData;

public class ResellerEndpointTests
{
    [Fact]
    public async Task Validate_resellers_answers_each_partner_id_valid_or_with_the_reason()
    {
        await using var host = await StartAsync();

        var (status, answer) = await host.PostJsonAsync("v1/partners/validateresellers",
            $$"""{"partnerIds":["5417762","{{Seeded.ResellerNotFound}}","{{Seeded.ResellerNotIndirect}}","{{Seeded.ResellerAgreementNotAccepted}}"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var results = answer.GetProperty("validationResults").EnumerateArray().ToList();
        Assert.Equal(["5417762", Seeded.ResellerNotFound, Seeded.ResellerNotIndirect, Seeded.ResellerAgreementNotAccepted],
            results.Select(r => r.GetProperty("partnerId").GetString()));
        Assert.True(results[0].GetProperty("isValidPartnerIdOnRecord").GetBoolean());
        Assert.Equal([800015, 800016, 900123], results.Skip(1).Select(r => r.GetProperty("errorCode").GetInt32()));
        Assert.All(results.Skip(1), r => Assert.False(r.GetProperty("isValidPartnerIdOnRecord").GetBoolean()));
        Assert.Equal(400, (int)(await host.PostJsonAsync("v1/partners/validateresellers", """{"ids":[]}""")).Status);
    }

    [Theory]
    [InlineData(Seeded.ResellerNotFound, 404, 800015)]
    [InlineData(Seeded.ResellerNotIndirect, 400, 800016)]
    [InlineData(Seeded.ResellerAgreementNotAccepted, 403, 900123)]
    public async Task An_order_naming_a_partner_that_is_not_a_valid_indirect_reseller_is_refused(string partner, int status, int code)
    {
        await using var host = await StartAsync();

        using var response = await host.PostOrderAsync(Seeded.Contoso,
            $$"""{"BillingCycle":"monthly","LineItems":[{"LineItemNumber":0,"OfferId":"{{E3}}","Quantity":1,"PartnerIdOnRecord":"{{partner}}"}]}""");

        await AssertErrorAsync(response, status, code);
    }

    [Fact]
    public async Task A_cart_line_naming_an_invalid_reseller_carries_an_error()
    {
        await using var host = await StartAsync();
        var body = JsonNode.Parse(CartBody((0, NceE3, 1, "monthly", "P1M")))!;
        body["LineItems"]![0]!["Participants"] = new JsonArray(new JsonObject { ["Key"] = "TransactionReseller", ["Value"] = Seeded.ResellerNotIndirect });

        var cart = await host.CreateCartAsync(Seeded.Contoso, body.ToJsonString());

        Assert.Contains("800016", cart.GetProperty("lineItems")[0].GetProperty("error").GetProperty("errorDescription").GetString(), StringComparison.Ordinal);
    }
}
