using System.Globalization;
using System.Text.Json;
using BatchOrders.Sandbox.Pipeline;
using static BatchOrders.Sandbox.Pipeline.RequestJson;

namespace BatchOrders.Sandbox.Orders;

/// <summary>
/// Reads an order body the way Partner Center does: property names case-insensitively, read-only fields rejected,
/// <c>Attributes.ObjectType</c> (when sent) checked as for carts. A billing cycle of <c>unknown</c> — what the SDK
/// sends for one left unset, as Microsoft's own samples do — is no billing cycle: the default applies. Every failure
/// is a 400 with code 800002 and a sentence naming the field.
/// </summary>
internal static class OrderRequestParser
{
    // Partner Center rejects read-only fields even with a default value such as "status":"none"; an explicit null
    // is what a serializer that does not skip nulls sends, so it is tolerated.
    private static readonly string[] ReadOnlyOrderFields =
        ["id", "status", "creationDate", "currencySymbol", "transactionType", "links"];

    /// <summary>The billing cycle the SDK sends for an unset one.</summary>
    private const string UnsetBillingCycle = "unknown";

    public static (OrderRequest? Request, SandboxAnswer? Error) Parse(ReadOnlyMemory<byte> body)
    {
        var (document, unreadable) = ParseObject(body, "an order");
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        using (document)
        {
            var root = document!.RootElement;
            foreach (var field in ReadOnlyOrderFields)
            {
                if (Find(root, field) is { ValueKind: not JsonValueKind.Null })
                {
                    return Invalid($"The order property '{field}' is read-only and must not be sent.");
                }
            }

            if (ObjectTypeProblem(root, "Order") is { } objectTypeProblem)
            {
                return Invalid(objectTypeProblem);
            }

            Guid? referenceCustomerId = null;
            if (Find(root, "referenceCustomerId") is { ValueKind: not JsonValueKind.Null } reference)
            {
                if (reference.ValueKind != JsonValueKind.String || !Guid.TryParse(reference.GetString(), out var parsed))
                {
                    return Invalid("ReferenceCustomerId must be a GUID.");
                }

                referenceCustomerId = parsed;
            }

            string? billingCycle = null;
            if (Find(root, "billingCycle") is { ValueKind: not JsonValueKind.Null } cycle)
            {
                if (cycle.ValueKind != JsonValueKind.String)
                {
                    return Invalid("BillingCycle must be a string.");
                }

                billingCycle = string.Equals(cycle.GetString(), UnsetBillingCycle, StringComparison.OrdinalIgnoreCase) ? null : cycle.GetString();
            }

            if (!TryOptionalString(root, "currencyCode", out var currencyCode))
            {
                return Invalid("CurrencyCode must be a string, such as USD.");
            }

            if (Find(root, "lineItems") is not { ValueKind: JsonValueKind.Array } lineItems)
            {
                return Invalid("LineItems is required: an array with at least one line item.");
            }

            if (lineItems.GetArrayLength() == 0)
            {
                return Invalid("LineItems must contain at least one line item.");
            }

            var items = new List<LineItemRequest>();
            var index = 0;
            foreach (var element in lineItems.EnumerateArray())
            {
                var (item, error) = ParseLineItem(element, index++);
                if (error is not null)
                {
                    return (null, error);
                }

                items.Add(item!);
            }

            return (new OrderRequest(referenceCustomerId, billingCycle, currencyCode?.Trim(), items), null);
        }
    }

    private static (LineItemRequest? Item, SandboxAnswer? Error) ParseLineItem(JsonElement element, int index)
    {
        var at = $"line item {index.ToString(CultureInfo.InvariantCulture)}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return InvalidItem($"The {at} must be a JSON object.");
        }

        if (ObjectTypeProblem(element, "OrderLineItem") is { } objectTypeProblem)
        {
            return InvalidItem($"On the {at}: {objectTypeProblem}");
        }

        if (Find(element, "lineItemNumber") is not { ValueKind: JsonValueKind.Number } number || !number.TryGetInt32(out var lineItemNumber))
        {
            return InvalidItem($"LineItemNumber is required on the {at} and must be a whole number.");
        }

        if (Find(element, "offerId") is not { ValueKind: JsonValueKind.String } offer || string.IsNullOrWhiteSpace(offer.GetString()))
        {
            return InvalidItem($"OfferId is required on the {at}.");
        }

        if (Find(element, "quantity") is not { ValueKind: JsonValueKind.Number } quantityElement || !quantityElement.TryGetInt32(out var quantity))
        {
            return InvalidItem($"Quantity is required on the {at} and must be a whole number.");
        }

        Guid? parent = null;
        if (Find(element, "parentSubscriptionId") is { ValueKind: not JsonValueKind.Null } parentElement)
        {
            if (parentElement.ValueKind != JsonValueKind.String || !Guid.TryParse(parentElement.GetString(), out var parsed))
            {
                return InvalidItem($"ParentSubscriptionId on the {at} must be a GUID.");
            }

            parent = parsed;
        }

        if (!TryOptionalString(element, "friendlyName", out var friendlyName)
            || !TryOptionalString(element, "termDuration", out var termDuration)
            || !TryOptionalString(element, "promotionId", out var promotionId))
        {
            return InvalidItem($"FriendlyName, TermDuration and PromotionId on the {at} must be strings when present.");
        }

        string? partnerIdOnRecord = null;
        if (Find(element, "partnerIdOnRecord") is { ValueKind: not JsonValueKind.Null } mpn
            && (partnerIdOnRecord = RequestJson.PartnerId(mpn)) is null)
        {
            return InvalidItem($"PartnerIdOnRecord on the {at} must be a partner id (digits).");
        }

        if (!RequestJson.TryStringMap(element, "provisioningContext", out _))
        {
            return InvalidItem($"ProvisioningContext on the {at} must be an object of string values.");
        }

        return (new LineItemRequest(lineItemNumber, offer.GetString()!.Trim(), quantity, friendlyName, parent, termDuration, promotionId, partnerIdOnRecord), null);
    }

    private static (OrderRequest?, SandboxAnswer?) Invalid(string description) =>
        (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput, description));

    private static (LineItemRequest?, SandboxAnswer?) InvalidItem(string description) =>
        (null, SandboxAnswer.Error(400, ErrorCodes.InvalidInput, description));
}
