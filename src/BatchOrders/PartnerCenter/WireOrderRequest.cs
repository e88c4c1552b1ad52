using System.Text.Json.Serialization;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// An order as sent to Partner Center: PascalCase as Microsoft's SDK sends it, read-only fields never sent
/// (a default such as "status":"none" is rejected), optional fields left out when empty.
/// </summary>
internal sealed record WireOrderRequest(
    string ReferenceCustomerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BillingCycle,
    IReadOnlyList<WireLineItemRequest> LineItems,
    WireAttributes Attributes);

internal sealed record WireLineItemRequest(
    int LineItemNumber,
    string OfferId,
    int Quantity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FriendlyName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ParentSubscriptionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TermDuration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PromotionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PartnerIdOnRecord);

internal sealed record WireAttributes(string ObjectType);
