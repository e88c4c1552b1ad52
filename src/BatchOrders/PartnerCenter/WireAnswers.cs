using System.Text.Json;
using BatchOrders.Journal;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// Reads the answers (camelCase, read case-insensitively; unknown properties and enum values tolerated): null for a
/// body that is not what it should be, which the client treats as no answer.
/// </summary>
internal static class WireAnswers
{
    private static readonly JsonSerializerOptions ResponseJson = new(JsonSerializerDefaults.Web);

    public static WireOrderResponse? Order(string body) => Read<WireOrderResponse>(body);

    public static WireCartResponse? Cart(string body) => Read<WireCartResponse>(body);

    public static WireCheckoutResponse? Checkout(string body) => Read<WireCheckoutResponse>(body);

    public static WireOrderCollection? Orders(string body) => Read<WireOrderCollection>(body);

    /// <summary>A read's answer as <typeparamref name="T"/>; null when it is not one.</summary>
    public static T? Of<T>(string body)
        where T : class => Read<T>(body);

    /// <summary>A code as text, whether the service sent it as a number or a string.</summary>
    public static string? CodeText(JsonElement? value) => Text(value);

    /// <summary>An answered order in the tool's terms; null without an id.</summary>
    public static PlacedOrder? Placed(WireOrderResponse order) => order.Id is { Length: > 0 } id
        ? new PlacedOrder(id, order.BillingCycle, order.CreationDate,
            [.. (order.LineItems ?? []).Select(l => new PlacedLine(l.LineItemNumber, l.OfferId, l.Quantity, l.TermDuration, l.SubscriptionId))])
        : null;

    /// <summary>Each line sent, by its position: its order group, or the error that keeps it from being bought.</summary>
    public static IReadOnlyList<CartLine> CartLines(WireCartResponse cart, int sent) =>
        [.. Enumerable.Range(0, sent).Select(index =>
            cart.LineItems?.FirstOrDefault(l => l.Id == index) is { } line
                ? new CartLine(index, line.OrderGroup, Text(line.Error?.ErrorCode), line.Error?.ErrorDescription)
                : new CartLine(index, null, "missing", "The cart came back without this line item."))];

    public static IReadOnlyList<RefusedGroup> Refused(WireCheckoutResponse result) =>
        [.. (result.OrderErrors ?? []).Select(e => new RefusedGroup(e.OrderGroupId, Text(e.Code), e.Description ?? "The order group was refused without a description."))];

    /// <summary>
    /// Each sent line item's subscription, by journal line number: matched by the number it was sent with and its
    /// offer, and for a PATCH (whose answer lists the whole order, numbered by the service) by offer where that is
    /// unambiguous.
    /// </summary>
    public static Dictionary<int, string> SubscriptionIds(JournalOrder order, IReadOnlyList<JournalLineItem> sent, WireOrderResponse answer)
    {
        var result = new Dictionary<int, string>();
        var answered = answer.LineItems ?? [];
        for (var number = 0; number < sent.Count; number++)
        {
            var line = sent[number];
            var match = answered.FirstOrDefault(a => a.LineItemNumber == number && string.Equals(a.OfferId, line.OfferToSend, StringComparison.OrdinalIgnoreCase));
            if (match is null && order.IsAddOn)
            {
                var sameOffer = answered.Where(a => string.Equals(a.OfferId, line.OfferToSend, StringComparison.OrdinalIgnoreCase)).ToList();
                match = sameOffer.Count == 1 ? sameOffer[0] : null;
            }

            if (match?.SubscriptionId is { Length: > 0 } subscription)
            {
                result[line.LineItemNumber] = subscription;
            }
        }

        return result;
    }

    /// <summary>A code as text, whether the service sent it as a number or a string.</summary>
    private static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };

    private static T? Read<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, ResponseJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
