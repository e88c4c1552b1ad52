using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Customers;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BatchOrders.Sandbox;

/// <summary>The routes that read Partner Center's data (customers, catalog, subscriptions, offers, promotions, resellers) and their operator endpoints.</summary>
public sealed partial class SandboxServer
{
    /// <summary>The seeded customers, as <c>GET /_sandbox/customers</c> lists them, with the subscriptions they start with.</summary>
    internal IReadOnlyList<SandboxCustomerView> GetCustomers()
    {
        var seeded = SandboxCatalog.Seeded;
        return [.. _data.Customers.Seeded.Select(c => new SandboxCustomerView(
            c.Id, c.CompanyName, c.Country, c.Relationship, c.AccountStatus ?? "none on record", c.Segment, c.Qualifications,
            CustomerDirectory.CurrencyOf(c).Code,
            [.. seeded.ExistingOrders.Where(o => o.CustomerId == c.Id).SelectMany(o => o.LineItems.Select(i => new SandboxSubscriptionView(
                i.SubscriptionId, i.OfferId, _data.Catalog.FindAnyGeneration(i.OfferId)?.Name ?? i.OfferId, _data.Subscriptions.StatusOf(i.SubscriptionId),
                o.OrderId, i.Quantity, i.TermDuration, o.BillingCycle)))]))];
    }

    /// <summary>Gives every new-commerce SKU a new availability id now; the old ones are gone. Returns the rotations so far.</summary>
    public int RotateAvailabilities() => _data.Catalog.Rotation.RotateNow();

    /// <summary>Today's catalog item id of a seeded new-commerce offer, given any of its ids (its availability rotates).</summary>
    public string CurrentCatalogItemId(string catalogItemId) =>
        _data.Catalog.FindSku(catalogItemId.Split(':')[0], catalogItemId.Split(':')[1])?.Id
            ?? throw new ArgumentException($"{catalogItemId} is not a seeded new-commerce offer.", nameof(catalogItemId));

    private void MapPartnerData(SandboxPipeline pipeline)
    {
        const string customer = "/v1/customers/{customerId}";
        ForCustomer(pipeline, customer, c => CustomerBook.Get(c));
        ForCustomer(pipeline, customer + "/profiles/billing", c => CustomerBook.GetBillingProfile(c));
        ForCustomer(pipeline, customer + "/qualifications", c => CustomerBook.GetQualifications(c));
        ForCustomer(pipeline, customer + "/qualification", c => CustomerBook.GetQualification(c));
        ForCustomer(pipeline, customer + "/validationStatus", (c, http) => IsAppOnly(http)
            ? SandboxAnswer.Error(403, Orders.ErrorCodes.Forbidden, "This API is available to App+User sign-in only: sign in as a partner user to read a customer's account validation status.")
            : CustomerBook.GetValidationStatus(c, http.Request.Query["type"]));

        // The catalog for a customer: its country and segment.
        const string products = customer + "/products";
        ForCustomer(pipeline, products, (c, http) => _data.Products.ListProducts(ProductBook.Market.ForCustomer(c), http.Request.Query["targetView"]));
        ForCustomer(pipeline, products + "/{productId}", (c, http) => _data.Products.GetProduct(ProductBook.Market.ForCustomer(c), Route(http, "productId")));
        ForCustomer(pipeline, products + "/{productId}/skus", (c, http) => _data.Products.ListSkus(ProductBook.Market.ForCustomer(c), Route(http, "productId")));
        ForCustomer(pipeline, products + "/{productId}/skus/{skuId}", (c, http) =>
            _data.Products.GetSku(ProductBook.Market.ForCustomer(c), Route(http, "productId"), Route(http, "skuId")));
        ForCustomer(pipeline, products + "/{productId}/skus/{skuId}/availabilities", (c, http) =>
            _data.Products.ListAvailabilities(ProductBook.Market.ForCustomer(c), Route(http, "productId"), Route(http, "skuId")));
        ForCustomer(pipeline, products + "/{productId}/skus/{skuId}/availabilities/{availabilityId}", (c, http) =>
            _data.Products.GetAvailability(ProductBook.Market.ForCustomer(c), Route(http, "productId"), Route(http, "skuId"), Route(http, "availabilityId")));

        // What a customer has, and the provisioning statuses orders and subscriptions link to.
        ForCustomer(pipeline, customer + "/subscriptions", (c, http) => _data.Subscriptions.List(c.Id, NullIfEmpty(http.Request.Query["order_id"])));
        ForCustomer(pipeline, customer + "/subscriptions/{subscriptionId}", (c, http) => _data.Subscriptions.Get(c.Id, Route(http, "subscriptionId")));
        ForCustomer(pipeline, customer + "/subscriptions/{subscriptionId}/provisioningstatus", (c, http) =>
            _data.Subscriptions.GetProvisioningStatus(c.Id, Route(http, "subscriptionId")));
        ForCustomer(pipeline, customer + "/orders/{orderId}/provisioningstatus", (c, http) =>
            _data.Subscriptions.GetOrderProvisioningStatus(c.Id, Route(http, "orderId")));
        ForCustomer(pipeline, customer + "/orders/{orderId}/lineitems/{lineItemNumber}/provisioningstatus", (c, http) =>
            _data.Subscriptions.GetLineItemProvisioningStatus(c.Id, Route(http, "orderId"), Route(http, "lineItemNumber")));
        ForCustomer(pipeline, customer + "/promotionEligibilities", (c, _, body) => _data.Promotions.CheckEligibilities(c, body), post: true);

        // The catalog by country.
        Read(pipeline, "/v1/products", http => ByCountry(http, m => _data.Products.ListProducts(m, http.Request.Query["targetView"])));
        Read(pipeline, "/v1/products/{productId}", http => ByCountry(http, m => _data.Products.GetProduct(m, Route(http, "productId"))));
        Read(pipeline, "/v1/products/{productId}/skus", http => ByCountry(http, m => _data.Products.ListSkus(m, Route(http, "productId"))));
        Read(pipeline, "/v1/products/{productId}/skus/{skuId}", http => ByCountry(http, m => _data.Products.GetSku(m, Route(http, "productId"), Route(http, "skuId"))));
        Read(pipeline, "/v1/products/{productId}/skus/{skuId}/availabilities", http =>
            ByCountry(http, m => _data.Products.ListAvailabilities(m, Route(http, "productId"), Route(http, "skuId"))));
        Read(pipeline, "/v1/products/{productId}/skus/{skuId}/availabilities/{availabilityId}", http =>
            ByCountry(http, m => _data.Products.GetAvailability(m, Route(http, "productId"), Route(http, "skuId"), Route(http, "availabilityId"))));

        // Legacy offers, promotions, resellers.
        Read(pipeline, "/v1/offers/{offerId}", http => _data.Offers.Get(Route(http, "offerId"), http.Request.Query["country"], Locale(http)));
        Read(pipeline, "/v1/offers/{offerId}/addons", http => _data.Offers.GetAddOns(Route(http, "offerId"), http.Request.Query["country"], Locale(http)));
        Read(pipeline, "/v1/productpromotions", http => _data.Promotions.List(http.Request.Query["country"]));
        Read(pipeline, "/v1/productpromotions/{promotionId}", http => _data.Promotions.Get(Route(http, "promotionId"), http.Request.Query["country"]));
        _app.MapPost("/v1/partners/validateresellers", http => pipeline.HandleAsync(http, OrderOperation.Read, (_, body) => _data.Resellers.Validate(body)))
            .Throttled(ThrottleFamily.Reads);

        // Operator endpoints: no token, never throttled or faulted.
        _app.MapGet("/_sandbox/customers", () => Results.Json(GetCustomers(), SandboxJson.Options));
        _app.MapPost("/_sandbox/rotate-availabilities", () =>
        {
            var generation = RotateAvailabilities();
            return Results.Json(new
            {
                Generation = generation,
                CatalogItemIds = _data.Catalog.Offers.Where(o => o.IsNewCommerce).Select(o => o.Id).ToList(),
            }, SandboxJson.Options);
        });
    }

    private void ForCustomer(SandboxPipeline pipeline, string pattern, Func<SeededCustomer, SandboxAnswer> answer) =>
        ForCustomer(pipeline, pattern, (c, _, _) => answer(c));

    private void ForCustomer(SandboxPipeline pipeline, string pattern, Func<SeededCustomer, HttpContext, SandboxAnswer> answer) =>
        ForCustomer(pipeline, pattern, (c, http, _) => answer(c, http));

    /// <summary>Maps a read under <c>/v1/customers/{id}</c>: answered only for a customer the partner may read (404 60003, 403 20002 otherwise).</summary>
    private void ForCustomer(SandboxPipeline pipeline, string pattern, Func<SeededCustomer, HttpContext, ReadOnlyMemory<byte>, SandboxAnswer> answer, bool post = false)
    {
        Task Handle(HttpContext http) => pipeline.HandleAsync(http, OrderOperation.Read, (context, body) =>
        {
            var (found, refusal) = _data.Customers.Access(Route(context, "customerId"));
            return refusal ?? answer(found!, context, body);
        });

        // Read-only, POST or GET (promotion eligibility is a POST): throttled as reads.
        if (post)
        {
            _app.MapPost(pattern, Handle).Throttled(ThrottleFamily.Reads);
        }
        else
        {
            _app.MapGet(pattern, Handle).Throttled(ThrottleFamily.Reads);
        }
    }

    private void Read(SandboxPipeline pipeline, string pattern, Func<HttpContext, SandboxAnswer> answer) =>
        _app.MapGet(pattern, http => pipeline.HandleAsync(http, OrderOperation.Read, (context, _) => answer(context))).Throttled(ThrottleFamily.Reads);

    private static SandboxAnswer ByCountry(HttpContext http, Func<ProductBook.Market, SandboxAnswer> answer)
    {
        var (market, problem) = ProductBook.MarketOf(http.Request.Query["country"], http.Request.Query["targetSegment"]);
        return problem ?? answer(market!);
    }

    /// <summary>Whether the request's bearer token is one of <see cref="SandboxOptions.AppOnlyTokens"/>.</summary>
    private bool IsAppOnly(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && _appOnlyTokens.Contains(header[7..].Trim());
    }

    private static string Route(HttpContext http, string name) => http.Request.RouteValues[name] as string ?? "";

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? Locale(HttpContext http) => http.Request.Headers["X-Locale"].FirstOrDefault();
}
