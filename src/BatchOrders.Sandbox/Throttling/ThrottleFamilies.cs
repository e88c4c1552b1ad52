using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BatchOrders.Sandbox.Throttling;

/// <summary>
/// Which <see cref="ThrottleFamily"/> a request counts against. A route declares its family where it is mapped
/// (<c>app.MapPost(…).Throttled(ThrottleFamily.Carts)</c>); a route that declares none is classified by
/// <see cref="Undeclared"/>: every GET is a read, and so are the two POSTs Partner Center documents as read-only
/// (promotion eligibilities, reseller validation); any other write counts as an order write, the family Partner
/// Center throttles soonest. So a read route added without a word about throttling is throttled as a read.
/// </summary>
internal static class ThrottleFamilies
{
    /// <summary>Declares the family of the requests this endpoint serves.</summary>
    public static TBuilder Throttled<TBuilder>(this TBuilder builder, ThrottleFamily family)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new Declared(family));

    /// <summary>The family of the request being served: its endpoint's declared one, else the rules for undeclared routes.</summary>
    public static ThrottleFamily Of(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<Declared>() is { } declared ? declared.Family : Undeclared(http.Request.Method, http.Request.Path);

    /// <summary>The family of a route that declares none.</summary>
    public static ThrottleFamily Undeclared(string method, PathString path)
    {
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return ThrottleFamily.Reads;
        }

        var value = path.Value ?? string.Empty;
        return HttpMethods.IsPost(method)
            && (value.EndsWith("/promotionEligibilities", StringComparison.OrdinalIgnoreCase) || value.EndsWith("/partners/validateresellers", StringComparison.OrdinalIgnoreCase))
            ? ThrottleFamily.Reads
            : ThrottleFamily.OrderWrites;
    }

    private sealed record Declared(ThrottleFamily Family);
}
