using System.Net;
using static BatchOrders.Tests.Sandbox.SandboxHost;

namespace BatchOrders.Tests.Sandbox;

public class AuthTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer two words")]
    [InlineData("Bearer tok\"en")]
    public async Task Missing_or_malformed_bearer_token_is_401_with_a_partner_center_body(string? authorization)
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/customers/{NewCustomer()}/orders")
        {
            Content = new StringContent(OrderBody("monthly", (0, E3, 1)), System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var anonymous = Client(host.Server, token: null);
        using var response = await anonymous.SendAsync(request);

        await AssertErrorAsync(response, 401, 401);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(await host.LedgerAsync());
    }

    [Fact]
    public async Task Any_well_formed_token_is_accepted_when_none_is_required()
    {
        await using var host = await StartAsync();
        using var client = Client(host.Server, "eyJ0eXAiOiJKV1Qi.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl");

        using var response = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)), client: client);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Required_token_accepts_only_that_token()
    {
        await using var host = await StartAsync(o => o.RequiredToken = Token);
        using var other = Client(host.Server, "someone-else");

        using var rejected = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)), client: other);
        using var accepted = await host.PostOrderAsync(NewCustomer(), OrderBody("monthly", (0, E3, 1)));

        await AssertErrorAsync(rejected, 401, 401);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Single(await host.LedgerAsync());
    }

    [Fact]
    public async Task Forbidden_token_is_403()
    {
        await using var host = await StartAsync(o => o.ForbiddenTokens.Add("no-orders-for-you"));
        using var forbidden = Client(host.Server, "no-orders-for-you");

        using var response = await forbidden.GetAsync(new Uri($"v1/customers/{NewCustomer()}/orders", UriKind.Relative));

        await AssertErrorAsync(response, 403, 403);
    }
}
