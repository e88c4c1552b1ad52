using System.Text.Json.Serialization;

namespace BatchOrders.PartnerCenter;

/// <summary>A cart as sent to create it: PascalCase as Microsoft's SDK sends it, read-only fields never sent.</summary>
internal sealed record WireCartRequest(IReadOnlyList<WireCartLineItemRequest> LineItems, WireAttributes Attributes);

/// <summary>
/// One cart line: ids 0..n-1, the catalog item, quantity, billing cycle and term; the indirect reseller, when the
/// row names one, as the cart's participant (<c>TransactionReseller</c>); a new-commerce add-on's parent subscription
/// as <c>ProvisioningContext.ParentSubscriptionId</c>.
/// </summary>
internal sealed record WireCartLineItemRequest(
    int Id,
    string CatalogItemId,
    int Quantity,
    string BillingCycle,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TermDuration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FriendlyName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PromotionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WireParticipant>? Participants,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? ProvisioningContext);

/// <summary>A participant of a cart line: a key such as <c>TransactionReseller</c> and its partner id.</summary>
internal sealed record WireParticipant(string Key, string Value);
