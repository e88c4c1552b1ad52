using System.Globalization;
using System.Text.Json;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;
using static BatchOrders.Sandbox.Pipeline.RequestJson;

namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// Reads a create-cart body the way Partner Center does: names case-insensitively, unknown properties ignored. The
/// SDK's <c>Cart</c> sends its read-only properties too (<c>Id</c>, <c>ExpirationTimestamp</c> as
/// <c>0001-01-01T00:00:00</c>, a line's <c>OrderGroup</c>, <c>Error</c>, <c>CurrencyCode</c>), so those are ignored
/// rather than refused. A body that cannot be read is a 400 with code 800002 and a sentence naming the field; what a
/// well-formed line asks for is checked later, and a line that cannot be bought gets an <c>error</c> instead.
/// </summary>
internal static class CartRequestParser
{
    public static (IReadOnlyList<CartLine>? Lines, SandboxAnswer? Error) Parse(ReadOnlyMemory<byte> body)
    {
        var (document, unreadable) = ParseObject(body, "a cart");
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        using (document)
        {
            var root = document!.RootElement;
            if (ObjectTypeProblem(root, "Cart") is { } objectTypeProblem)
            {
                return Invalid(objectTypeProblem);
            }

            if (Find(root, "lineItems") is not { ValueKind: JsonValueKind.Array } lineItems || lineItems.GetArrayLength() == 0)
            {
                return Invalid("LineItems is required: an array with at least one cart line item.");
            }

            var lines = new List<CartLine>();
            var index = 0;
            foreach (var element in lineItems.EnumerateArray())
            {
                var (line, error) = ParseLine(element, index++);
                if (error is not null)
                {
                    return (null, error);
                }

                lines.Add(line!);
            }

            return (lines, null);
        }
    }

    private static (CartLine? Line, SandboxAnswer? Error) ParseLine(JsonElement element, int index)
    {
        var at = $"cart line item {index.ToString(CultureInfo.InvariantCulture)}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return InvalidLine($"The {at} must be a JSON object.");
        }

        // The documentation marks a line's id optional; without one, its position in the array is its id.
        var id = index;
        if (Find(element, "id") is { ValueKind: not JsonValueKind.Null } idElement && !TryWholeNumber(idElement, out id))
        {
            return InvalidLine($"Id on the {at} must be a whole number (0 to n-1).");
        }

        if (Find(element, "catalogItemId") is not { ValueKind: JsonValueKind.String } catalogItem || string.IsNullOrWhiteSpace(catalogItem.GetString()))
        {
            return InvalidLine($"CatalogItemId is required on the {at}: PRODUCT:SKU:AVAILABILITY.");
        }

        if (Find(element, "quantity") is not { ValueKind: JsonValueKind.Number } quantityElement || !quantityElement.TryGetInt32(out var quantity))
        {
            return InvalidLine($"Quantity is required on the {at} and must be a whole number.");
        }

        if (Find(element, "billingCycle") is not { ValueKind: JsonValueKind.String } cycleElement
            || BillingCycles.Normalize(cycleElement.GetString()!) is not { } billingCycle)
        {
            return InvalidLine($"BillingCycle is required on the {at}: one of {BillingCycles.All}.");
        }

        if (!TryOptionalString(element, "termDuration", out var termDuration)
            || !TryOptionalString(element, "friendlyName", out var friendlyName)
            || !TryOptionalString(element, "promotionId", out var promotionId))
        {
            return InvalidLine($"TermDuration, FriendlyName and PromotionId on the {at} must be strings when present.");
        }

        if (!TryStringMap(element, "provisioningContext", out var provisioningContext))
        {
            return InvalidLine($"ProvisioningContext on the {at} must be an object of string values.");
        }

        var (participants, participantError) = ParseParticipants(element, at);
        if (participantError is not null)
        {
            return (null, participantError);
        }

        var hasAddOns = Find(element, "addonItems") is { ValueKind: JsonValueKind.Array } addOns && addOns.GetArrayLength() > 0;
        return (new CartLine(id, catalogItem.GetString()!.Trim(), quantity, billingCycle, termDuration?.Trim(), friendlyName,
            promotionId, provisioningContext is { Count: > 0 } ? provisioningContext : null, participants,
            OrderGroup: null, Error: null, hasAddOns), null);
    }

    /// <summary>
    /// Participants as the SDK sends them (a list of key/value pairs, the key a <c>ParticipantType</c>):
    /// <c>[{"Key":"TransactionReseller","Value":"1234567"}]</c>; the Java SDK's <c>transaction_reseller</c> is read too.
    /// </summary>
    private static (IReadOnlyList<CartParticipant>? Participants, SandboxAnswer? Error) ParseParticipants(JsonElement element, string at)
    {
        switch (Find(element, "participants"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return (null, null);
            case { ValueKind: JsonValueKind.Array } array:
                var participants = new List<CartParticipant>();
                foreach (var participant in array.EnumerateArray())
                {
                    if (participant.ValueKind != JsonValueKind.Object
                        || Find(participant, "key") is not { ValueKind: JsonValueKind.String } key
                        || !string.Equals(key.GetString()!.Replace("_", "", StringComparison.Ordinal), CartParticipant.TransactionReseller, StringComparison.OrdinalIgnoreCase))
                    {
                        return (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput,
                            $"Each participant on the {at} must be {{\"key\":\"TransactionReseller\",\"value\":\"<partner id>\"}}."));
                    }

                    if (Find(participant, "value") is not { } value || PartnerId(value) is not { } partnerId)
                    {
                        return (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput,
                            $"The TransactionReseller participant on the {at} must carry a partner id (digits)."));
                    }

                    participants.Add(new CartParticipant(CartParticipant.TransactionReseller, partnerId));
                }

                return (participants.Count > 0 ? participants : null, null);
            default:
                return (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput, $"Participants on the {at} must be an array."));
        }
    }

    private static bool TryWholeNumber(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out value),
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static (IReadOnlyList<CartLine>?, SandboxAnswer?) Invalid(string description) =>
        (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput, description));

    private static (CartLine?, SandboxAnswer?) InvalidLine(string description) =>
        (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput, description));
}
