using System.Text.Json.Serialization;

namespace BatchOrders.Sandbox.Carts;

/// <summary>
/// A cart as the sandbox keeps it: its line items as checked at creation, its status, and once checked out the
/// <c>CartCheckoutResult</c> body it answered, so every later checkout can repeat it word for word.
/// </summary>
internal sealed record CartRecord(
    string CartId,
    Guid CustomerId,
    Guid? RequestId,
    Guid? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset LastModifiedAt,
    string Status,
    IReadOnlyList<CartLine> LineItems,
    byte[]? CheckoutResult)
{
    /// <summary>Can be checked out.</summary>
    public const string Active = "Active";

    /// <summary>Checked out: a later checkout repeats <see cref="CheckoutResult"/> (or answers 800065).</summary>
    public const string Ordered = "Ordered";

    [JsonIgnore]
    public bool IsOrdered => Status == Ordered;

    /// <summary>An active cart past its expiration is gone; a checked-out cart never expires.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => !IsOrdered && now >= ExpiresAt;
}

/// <summary>
/// One cart line item: what the client asked for (once checked: catalog item id in the catalog's spelling when it
/// is known, billing cycle as its wire value, term upper-cased), the order group it was put in, or the error that
/// keeps it from being bought. <see cref="HasAddOnItems"/>: the request nested add-ons, which the sandbox refuses.
/// </summary>
internal sealed record CartLine(
    int Id,
    string CatalogItemId,
    int Quantity,
    string BillingCycle,
    string? TermDuration,
    string? FriendlyName,
    string? PromotionId,
    IReadOnlyDictionary<string, string>? ProvisioningContext,
    IReadOnlyList<CartParticipant>? Participants,
    string? OrderGroup,
    CartLineError? Error,
    [property: JsonIgnore] bool HasAddOnItems = false)
{
    /// <summary>The indirect reseller on the line (a <c>TransactionReseller</c> participant), if any.</summary>
    [JsonIgnore]
    public string? PartnerIdOnRecord => Participants?.FirstOrDefault(p => p.Key == CartParticipant.TransactionReseller)?.Value;
}

/// <summary>A <c>CartError</c>: <c>errorCode</c> is a <c>CartErrorCode</c> name, as the SDK's enum converter writes it.</summary>
internal sealed record CartLineError(string ErrorCode, string ErrorDescription);

/// <summary>One participant of a line item: its type (<c>TransactionReseller</c>) and partner id.</summary>
internal sealed record CartParticipant(string Key, string Value)
{
    public const string TransactionReseller = "TransactionReseller";
}
