using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox.PartnerData;

public class PromotionEndpointTests
{
    [Fact]
    public async Task Product_promotions_are_listed_and_read_by_id_whatever_their_dates()
    {
        await using var host = await StartAsync();

        var (_, list) = await host.GetJsonAsync("v1/productpromotions?country=US&segment=commercial");
        var (status, ended) = await host.GetJsonAsync($"v1/productpromotions/{Seeded.PromotionEnded}?country=US");

        Assert.True(list.GetProperty("totalCount").GetInt32() >= 5);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2021, ended.GetProperty("endDate").GetDateTime().Year);
        Assert.Equal("CFQ7TTC0LH18", ended.GetProperty("requiredProducts")[0].GetProperty("productId").GetString());
        AssertError(await host.GetJsonAsync("v1/productpromotions/NOSUCHPROMO?country=US"), 404, 1000);
    }

    [Fact]
    public async Task An_eligible_transaction_is_eligible_with_no_errors()
    {
        await using var host = await StartAsync();

        var eligibility = await EligibilityAsync(host, Seeded.Fabrikam, NceE3, 30, "P1Y", "Monthly", Seeded.PromotionE3Seats);

        Assert.True(eligibility.GetProperty("isEligible").GetBoolean());
        Assert.Equal(0, eligibility.GetProperty("errors").GetArrayLength());
    }

    [Theory]
    [InlineData(Seeded.Fabrikam, NceE3, 10, "P1Y", "monthly", Seeded.PromotionE3Seats, "SeatCount")]
    [InlineData(Seeded.Fabrikam, NceE3, 30, "P1M", "monthly", Seeded.PromotionE3Seats, "Term")]
    [InlineData(Seeded.WingtipToys, NceBusinessPremium, 10, "P1Y", "monthly", Seeded.PromotionFirstPurchase, "OfferPurchasedPreviously")]
    [InlineData(Seeded.Fabrikam, NceCopilot, 10, "P1Y", "monthly", Seeded.PromotionNeedsE3, "PrerequisiteProductOwnership")]
    [InlineData(Seeded.Fabrikam, Seeded.TeamsEssentials, 10, "P1Y", "monthly", Seeded.PromotionUsedUp, "RedemptionLimit")]
    [InlineData(Seeded.Fabrikam, NceBusinessBasic, 10, "P1Y", "annual", Seeded.PromotionEnded, "InvalidPromotion")]
    [InlineData(Seeded.Fabrikam, NceBusinessBasic, 10, "P1Y", "annual", "NOSUCHPROMO", "InvalidPromotion")]
    [InlineData(Seeded.Fabrikam, NceBusinessBasic, 10, "P1Y", "annual", Seeded.PromotionE3Seats, "InvalidPromotion")]
    public async Task An_ineligible_transaction_says_why(string customer, string item, int quantity, string term, string cycle, string promotion, string reason)
    {
        await using var host = await StartAsync();

        var eligibility = await EligibilityAsync(host, customer, item, quantity, term, cycle, promotion);

        Assert.False(eligibility.GetProperty("isEligible").GetBoolean());
        Assert.Contains(reason, eligibility.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_seat_count_error_names_the_range_and_a_term_error_the_eligible_terms()
    {
        await using var host = await StartAsync();

        var eligibility = await EligibilityAsync(host, Seeded.Fabrikam, NceE3, 10, "P3Y", "annual", Seeded.PromotionE3Seats);

        var errors = eligibility.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("type").GetString()!);
        Assert.Equal((25, 2400), (errors["SeatCount"].GetProperty("minimumRequiredSeats").GetInt32(), errors["SeatCount"].GetProperty("maximumRequiredSeats").GetInt32()));
        Assert.Equal(["P1Y monthly", "P1Y annual"], errors["Term"].GetProperty("eligibleTerms").EnumerateArray()
            .Select(t => $"{t.GetProperty("duration").GetString()} {t.GetProperty("billingCycle").GetString()}"));
    }

    [Fact]
    public async Task A_cart_line_with_a_promotion_it_is_not_eligible_for_carries_an_error()
    {
        await using var host = await StartAsync();
        var body = JsonNode.Parse(CartBody((0, NceE3, 10, "monthly", "P1Y"), (1, NceE3, 30, "monthly", "P1Y")))!;
        body["LineItems"]![0]!["PromotionId"] = Seeded.PromotionE3Seats;
        body["LineItems"]![1]!["PromotionId"] = Seeded.PromotionE3Seats;

        var cart = await host.CreateCartAsync(Seeded.Fabrikam, body.ToJsonString());

        Assert.Equal("InvalidPromotionId", cart.GetProperty("lineItems")[0].GetProperty("error").GetProperty("errorCode").GetString());
        Assert.False(cart.GetProperty("lineItems")[1].TryGetProperty("error", out _));
    }

    private static async Task<JsonElement> EligibilityAsync(SandboxHost host, string customer, string item, int quantity, string term, string cycle, string promotion)
    {
        var body = $$"""{"items":[{"id":0,"catalogItemId":"{{item}}","quantity":{{quantity}},"termDuration":"{{term}}","billingCycle":"{{cycle}}","promotionId":"{{promotion}}"}]}""";
        var (status, answer) = await host.PostJsonAsync($"v1/customers/{customer}/promotionEligibilities", body);
        Assert.Equal(HttpStatusCode.OK, status);
        var first = answer.GetProperty("items")[0];
        Assert.Equal(item, first.GetProperty("catalogItemId").GetString());
        return first.GetProperty("eligibilities")[0];
    }
}
