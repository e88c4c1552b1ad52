using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BatchOrders.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Tests.Sandbox;

/// <summary>A real sandbox on 127.0.0.1 (random port) and a real HttpClient that talks to it.</summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    public const string Token = "sandbox-test-token";
    public const string E3 = "031C9E47-4802-4248-838E-778FB1D2CC05";
    public const string MyAnalytics = "8F4C2E1A-6B7D-4E3F-9A2B-1C5D8E7F6A01";
    public const string ExchangePlan1 = "4C1E8A2B-9D3F-4B7A-A5C6-2E8F1D9B3A03";
    public const string ExchangeArchiving = "7E3A1C4D-2F5B-4D9C-87E8-4A1B3F2D5C05";
    public const string BusinessBasic = "9F4B2D5E-3A6C-4EAD-98F9-5B2C4A3E6D06";
    public const string NceBusinessPremium = "CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM";
    public const string NceBusinessBasic = "CFQ7TTC0LH18:0001:CFQ7TTC0K8P5";
    public const string NceE3 = "CFQ7TTC0LFLX:0001:CFQ7TTC0KDBN";
    public const string NceCopilot = "CFQ7TTC0MM8R:0002:CFQ7TTC0MM8V";
    public const string NceWindows365 = "CFQ7TTC0LHVK:0001:CFQ7TTC0KBZ7";
    public const string NceTeamsPhoneAddOn = "CFQ7TTC0LH05:0001:CFQ7TTC0KBJ6";
    public const string NceRefusedAtCheckout = "CFQ7TTC0SBXC:0001:CFQ7TTC0SBXN";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private SandboxHost(SandboxServer server, TimeSpan timeout)
    {
        Server = server;
        Http = Client(server, Token, timeout);
    }

    public SandboxServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<SandboxHost> StartAsync(Action<SandboxOptions>? configure = null, TimeProvider? time = null,
        TimeSpan? clientTimeout = null)
    {
        var options = new SandboxOptions { Seed = 7, RequestsPerMinute = 0 };
        configure?.Invoke(options);
        var server = await SandboxServer.StartAsync(options, time ?? TimeProvider.System, NullLoggerFactory.Instance);
        return new SandboxHost(server, clientTimeout ?? TimeSpan.FromSeconds(15));
    }

    public static HttpClient Client(SandboxServer server, string? token, TimeSpan? timeout = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = server.BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(15),
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static string NewCustomer() => Guid.NewGuid().ToString("D");

    /// <summary>An order body in the SDK's PascalCase: (number, offer, quantity) per line item.</summary>
    public static string OrderBody(string? billingCycle, params (int Number, string OfferId, int Quantity)[] items)
    {
        var lineItems = new JsonArray();
        foreach (var (number, offerId, quantity) in items)
        {
            lineItems.Add(new JsonObject { ["LineItemNumber"] = number, ["OfferId"] = offerId, ["Quantity"] = quantity });
        }

        var order = new JsonObject { ["LineItems"] = lineItems, ["Attributes"] = new JsonObject { ["ObjectType"] = "Order" } };
        if (billingCycle is not null)
        {
            order["BillingCycle"] = billingCycle;
        }

        return order.ToJsonString();
    }

    public static string AddOnBody(params (int Number, string OfferId, int Quantity, string? Parent)[] items)
    {
        var lineItems = new JsonArray();
        foreach (var (number, offerId, quantity, parent) in items)
        {
            lineItems.Add(new JsonObject
            {
                ["LineItemNumber"] = number, ["OfferId"] = offerId, ["Quantity"] = quantity, ["ParentSubscriptionId"] = parent,
            });
        }

        return new JsonObject { ["LineItems"] = lineItems }.ToJsonString();
    }

    /// <summary>A create-cart body in the SDK's PascalCase: (id, catalog item, quantity, billing cycle, term) per line item.</summary>
    public static string CartBody(params (int Id, string CatalogItemId, int Quantity, string BillingCycle, string? Term)[] items)
    {
        var lineItems = new JsonArray();
        foreach (var (id, catalogItemId, quantity, billingCycle, term) in items)
        {
            var line = new JsonObject
            {
                ["Id"] = id, ["CatalogItemId"] = catalogItemId, ["Quantity"] = quantity, ["BillingCycle"] = billingCycle,
            };
            if (term is not null)
            {
                line["TermDuration"] = term;
            }

            lineItems.Add(line);
        }

        return new JsonObject { ["LineItems"] = lineItems, ["Attributes"] = new JsonObject { ["ObjectType"] = "Cart" } }.ToJsonString();
    }

    public Task<HttpResponseMessage> PostCartAsync(string customerId, string body, Guid? requestId = null, HttpClient? client = null) =>
        SendAsync(HttpMethod.Post, $"v1/customers/{customerId}/carts", body, requestId, null, client);

    /// <summary>Checks a cart out as the SDK does: POST with an empty body.</summary>
    public Task<HttpResponseMessage> PostCheckoutAsync(string customerId, string cartId, Guid? requestId = null, HttpClient? client = null) =>
        SendAsync(HttpMethod.Post, $"v1/customers/{customerId}/carts/{cartId}/checkout", "", requestId, null, client);

    public Task<HttpResponseMessage> GetCartAsync(string customerId, string cartId) =>
        Http.GetAsync(new Uri($"v1/customers/{customerId}/carts/{cartId}", UriKind.Relative));

    /// <summary>Creates a cart and returns its JSON answer; fails the test on anything but 201.</summary>
    public async Task<JsonElement> CreateCartAsync(string customerId, string body, Guid? requestId = null)
    {
        using var response = await PostCartAsync(customerId, body, requestId);
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    /// <summary>Checks a cart out and returns its <c>CartCheckoutResult</c>; fails the test on anything but 201.</summary>
    public async Task<JsonElement> CheckOutCartAsync(string customerId, string cartId, Guid? requestId = null)
    {
        using var response = await PostCheckoutAsync(customerId, cartId, requestId);
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    public Task<HttpResponseMessage> PostOrderAsync(string customerId, string body, Guid? requestId = null, Guid? correlationId = null,
        HttpClient? client = null) =>
        SendAsync(HttpMethod.Post, $"v1/customers/{customerId}/orders", body, requestId, correlationId, client);

    public Task<HttpResponseMessage> PatchOrderAsync(string customerId, string orderId, string body, Guid? requestId = null) =>
        SendAsync(HttpMethod.Patch, $"v1/customers/{customerId}/orders/{orderId}", body, requestId, null, null);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, Guid? requestId = null,
        Guid? correlationId = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (requestId is { } id)
        {
            request.Headers.Add("MS-RequestId", id.ToString());
        }

        if (correlationId is { } correlation)
        {
            request.Headers.Add("MS-CorrelationId", correlation.ToString());
        }

        return await (client ?? Http).SendAsync(request);
    }

    /// <summary>Creates an order and returns its JSON answer; fails the test on anything but 201.</summary>
    public async Task<JsonElement> CreateOrderAsync(string customerId, string body, Guid? requestId = null)
    {
        using var response = await PostOrderAsync(customerId, body, requestId);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>GETs a path (no request id) and returns its status and JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>POSTs a body (no request id) and returns its status and JSON body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string path, string body)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>Asserts a Partner Center error in a body already read: status and code.</summary>
    public static void AssertError((HttpStatusCode Status, JsonElement Body) answer, int status, int code)
    {
        Assert.True((int)answer.Status == status, $"expected {status}, got {(int)answer.Status}: {answer.Body}");
        Assert.Equal(code, answer.Body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(answer.Body.GetProperty("description").GetString()));
    }

    public async Task<List<LedgerOrder>> LedgerAsync()
    {
        using var anonymous = Client(Server, token: null);
        return (await anonymous.GetFromJsonAsync<List<LedgerOrder>>("_sandbox/ledger", Json))!;
    }

    public async Task<SandboxStats> StatsAsync()
    {
        using var anonymous = Client(Server, token: null);
        return (await anonymous.GetFromJsonAsync<SandboxStats>("_sandbox/stats", Json))!;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a Partner Center error: status, code and the PartnerFD body shape.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status, int code)
    {
        var body = await ReadJsonAsync(response);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal("PartnerFD", body.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("data").ValueKind);
        var description = body.GetProperty("description").GetString();
        Assert.False(string.IsNullOrWhiteSpace(description));
        return description!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
