using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BatchOrders.Journal;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// Partner Center's orders and carts APIs (or a compatible endpoint), one attempt per call, each answer classified:
/// a typed HttpClient. Retries, time-outs and throttling live in Submission, around it. Orders are POSTed, add-ons
/// PATCHed into their existing order; new-commerce licences go into a cart that is then checked out. Every request
/// carries what Microsoft's SDK sends: the journaled MS-RequestId and MS-CorrelationId, <c>X-Locale</c>, the client's
/// name, and a JSON body with its <c>Content-Length</c>.
/// </summary>
public sealed class PartnerCenterClient(HttpClient http, TimeProvider? time = null)
{
    /// <summary>The language of error descriptions: the tool's messages are in English.</summary>
    internal const string Locale = "en-US";

    /// <summary>The name the requests carry in <c>MS-PartnerCenter-Client</c>, as Microsoft's SDK names its caller.</summary>
    internal const string ClientName = "BatchOrders";

    private static readonly JsonSerializerOptions RequestJson = new() { PropertyNamingPolicy = null };
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>One attempt at an order by the orders API, with its journaled request and correlation ids.</summary>
    internal Task<AttemptOutcome> SendAsync(JournalOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);

        // Lines an earlier version of the order bought are never sent again; the rest are numbered 0..n-1 as sent.
        var sent = order.LineItems.Where(l => !l.IsBought).ToList();
        var path = order.IsAddOn ? $"{CustomerPath(order.CustomerId)}/orders/{Uri.EscapeDataString(order.TargetOrderId!)}" : $"{CustomerPath(order.CustomerId)}/orders";
        return ExchangeAsync(order.IsAddOn ? HttpMethod.Patch : HttpMethod.Post, path, WireRequests.Order(order, sent), order.RequestId, order.CorrelationId,
            (status, body) => WireAnswers.Order(body) is { Id: { Length: > 0 } id } answer
                ? new AttemptOutcome.Succeeded(status, id, WireAnswers.SubscriptionIds(order, sent, answer))
                : null,
            cancellationToken);
    }

    /// <summary>One attempt at creating the cart of a cart-path order: its lines not yet bought, with the order's request id.</summary>
    internal Task<AttemptOutcome> CreateCartAsync(JournalOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var sent = order.LineItems.Where(l => !l.IsBought).ToList();
        return ExchangeAsync(HttpMethod.Post, $"{CustomerPath(order.CustomerId)}/carts", WireRequests.Cart(order, sent), order.RequestId, order.CorrelationId,
            (status, body) => WireAnswers.Cart(body) is { Id: { Length: > 0 } id } cart
                ? new AttemptOutcome.CartCreated(status, id, cart.ExpirationTimestamp, WireAnswers.CartLines(cart, sent.Count))
                : null,
            cancellationToken);
    }

    /// <summary>One attempt at checking out the order's cart, with its journaled checkout request id (an empty body).</summary>
    internal Task<AttemptOutcome> CheckoutAsync(JournalOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var path = $"{CustomerPath(order.CustomerId)}/carts/{Uri.EscapeDataString(order.CartId!)}/checkout";
        return ExchangeAsync(HttpMethod.Post, path, null, order.CheckoutRequestId!.Value, order.CorrelationId,
            (status, body) => WireAnswers.Checkout(body) is { } result
                ? new AttemptOutcome.CheckedOut(status, [.. (result.Orders ?? []).Select(WireAnswers.Placed).OfType<PlacedOrder>()], WireAnswers.Refused(result))
                : null,
            cancellationToken);
    }

    /// <summary>Reads a customer's orders back (nothing is changed; a fresh request id each time).</summary>
    internal Task<AttemptOutcome> ListOrdersAsync(string customerId, Guid correlationId, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Get, $"{CustomerPath(customerId)}/orders", null, Guid.NewGuid(), correlationId,
            (_, body) => WireAnswers.Orders(body) is { } orders ? new AttemptOutcome.OrdersListed([.. (orders.Items ?? []).Select(WireAnswers.Placed).OfType<PlacedOrder>()]) : null,
            cancellationToken);

    /// <summary>
    /// One attempt at a read of Partner Center's data (a GET, or one of the POSTs that change nothing), with a fresh
    /// request id: the answer's body (<see cref="AttemptOutcome.Read"/>) or why there is none.
    /// </summary>
    internal Task<AttemptOutcome> ReadAsync(HttpMethod method, string path, object? body, Guid correlationId, CancellationToken cancellationToken) =>
        ExchangeAsync(method, path, body, Guid.NewGuid(), correlationId, (status, text) => new AttemptOutcome.Read(status, text), cancellationToken);

    private static string CustomerPath(string customerId) => $"v1/customers/{Uri.EscapeDataString(customerId)}";

    private async Task<AttemptOutcome> ExchangeAsync(HttpMethod method, string path, object? body, Guid requestId, Guid correlationId,
        Func<int, string, AttemptOutcome?> readSuccess, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null || method != HttpMethod.Get)
        {
            // Serialised up front, so the body goes out with its Content-Length rather than chunked.
            request.Content = new ByteArrayContent(body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), RequestJson));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("MS-RequestId", requestId.ToString("D"));
        request.Headers.Add("MS-CorrelationId", correlationId.ToString("D"));
        request.Headers.Add("X-Locale", Locale);
        request.Headers.Add("MS-PartnerCenter-Client", ClientName);

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? readSuccess(status, text) ?? new AttemptOutcome.Transient(new PartnerCenterError(status, null, "The service answered success without the id it owes."), null)
                : Classify(response, PartnerCenterError.Parse(status, text));
        }
        catch (SignInException ex)
        {
            // No token, so nothing was sent: like a 401, the batch stops with the reason.
            return new AttemptOutcome.Unauthorized(new PartnerCenterError(401, "sign-in", ex.Message));
        }
        catch (HttpRequestException ex)
        {
            // The connection failed or dropped before an answer: the request may or may not have been processed, so
            // it is retried with the same request id, which the service answers from its idempotency store.
            return new AttemptOutcome.Transient(new PartnerCenterError(0, null, $"No answer: the connection failed ({ex.HttpRequestError})."), null);
        }
    }

    private AttemptOutcome Classify(HttpResponseMessage response, PartnerCenterError error) => response.StatusCode switch
    {
        // A 403 with one of Partner Center's business codes refuses this request (not the partner's customer, an
        // account under review, an offer no longer sold, …), not the credentials: the rest of the batch goes on.
        HttpStatusCode.Forbidden when PartnerCenterCodes.IsBusinessRefusal(error.Code) => new AttemptOutcome.Rejected(error),
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new AttemptOutcome.Unauthorized(error),
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new AttemptOutcome.Transient(error, RetryAfterHeader.Read(response, _time)),

        // 800060 "your order is in progress", 800064 "the cart is being processed by another request": the first
        // attempt is still being processed; ask again later with the same request id.
        HttpStatusCode.Conflict when error.Code is "800060" or "800064" => new AttemptOutcome.Transient(error, RetryAfterHeader.Read(response, _time)),
        _ when (int)response.StatusCode >= 500 => new AttemptOutcome.Transient(error, RetryAfterHeader.Read(response, _time)),
        _ => new AttemptOutcome.Rejected(error),
    };
}
