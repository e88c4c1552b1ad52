using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BatchOrders.Journal;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// Sends one order to Partner Center's orders API (or a compatible endpoint) and classifies the answer: a typed
/// HttpClient making exactly one attempt. Retries, time-outs and throttling live in Submission, around it.
/// New orders are POSTed; add-ons are PATCHed into their existing order.
/// </summary>
public sealed class PartnerCenterClient(HttpClient http, TimeProvider? time = null)
{
    private static readonly JsonSerializerOptions RequestJson = new() { PropertyNamingPolicy = null };
    private static readonly JsonSerializerOptions ResponseJson = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>One attempt at the order, with its journaled MS-RequestId and MS-CorrelationId.</summary>
    internal async Task<AttemptOutcome> SendAsync(JournalOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var path = order.IsAddOn
            ? $"v1/customers/{Uri.EscapeDataString(order.CustomerId)}/orders/{Uri.EscapeDataString(order.TargetOrderId!)}"
            : $"v1/customers/{Uri.EscapeDataString(order.CustomerId)}/orders";
        using var request = new HttpRequestMessage(order.IsAddOn ? HttpMethod.Patch : HttpMethod.Post, path)
        {
            Content = JsonContent.Create(ToWire(order), options: RequestJson),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("MS-RequestId", order.RequestId.ToString("D"));
        request.Headers.Add("MS-CorrelationId", order.CorrelationId.ToString("D"));

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Classify(order, response, body);
        }
        catch (SignInException ex)
        {
            // No token, so nothing was sent: like a 401, the batch stops with the reason.
            return new AttemptOutcome.Unauthorized(new PartnerCenterError(401, "sign-in", ex.Message));
        }
        catch (HttpRequestException ex)
        {
            // The connection failed or dropped before an answer: the order may or may not exist, so it is retried
            // with the same request id, which the service answers from its idempotency store.
            return new AttemptOutcome.Transient(new PartnerCenterError(0, null, $"No answer: the connection failed ({ex.HttpRequestError})."), null);
        }
    }

    internal static WireOrderRequest ToWire(JournalOrder order) => new(
        order.CustomerId,
        order.BillingCycle,
        [.. order.LineItems.Select(l => new WireLineItemRequest(
            l.LineItemNumber, l.OfferId, l.Quantity, l.FriendlyName, order.IsAddOn ? l.ParentSubscriptionId : null,
            l.TermDuration, l.PromotionId, l.PartnerIdOnRecord))],
        new WireAttributes("Order"));

    private AttemptOutcome Classify(JournalOrder order, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var answer = TryRead(body);
            return answer?.Id is { Length: > 0 } id
                ? new AttemptOutcome.Succeeded(status, id, SubscriptionIds(order, answer))
                : new AttemptOutcome.Transient(new PartnerCenterError(status, null, "The service answered success without an order id."), null);
        }

        var error = PartnerCenterError.Parse(status, body);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new AttemptOutcome.Unauthorized(error),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new AttemptOutcome.Transient(error, RetryAfterHeader.Read(response, _time)),
            // 800060 "your order is in progress": the first attempt is still being processed; ask again later, same id.
            HttpStatusCode.Conflict when error.Code == "800060" => new AttemptOutcome.Transient(error, RetryAfterHeader.Read(response, _time)),
            _ when status >= 500 => new AttemptOutcome.Transient(error, RetryAfterHeader.Read(response, _time)),
            _ => new AttemptOutcome.Rejected(error),
        };
    }

    private static WireOrderResponse? TryRead(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<WireOrderResponse>(body, ResponseJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Each sent line item's subscription: matched by line number and offer, and for a PATCH (whose answer lists the
    /// whole order, numbered by the service) by offer where that is unambiguous.
    /// </summary>
    private static Dictionary<int, string> SubscriptionIds(JournalOrder order, WireOrderResponse answer)
    {
        var result = new Dictionary<int, string>();
        var answered = answer.LineItems ?? [];
        foreach (var line in order.LineItems)
        {
            var match = answered.FirstOrDefault(a => a.LineItemNumber == line.LineItemNumber && string.Equals(a.OfferId, line.OfferId, StringComparison.OrdinalIgnoreCase));
            if (match is null && order.IsAddOn)
            {
                var sameOffer = answered.Where(a => string.Equals(a.OfferId, line.OfferId, StringComparison.OrdinalIgnoreCase)).ToList();
                match = sameOffer.Count == 1 ? sameOffer[0] : null;
            }

            if (match?.SubscriptionId is { Length: > 0 } subscription)
            {
                result[line.LineItemNumber] = subscription;
            }
        }

        return result;
    }
}
