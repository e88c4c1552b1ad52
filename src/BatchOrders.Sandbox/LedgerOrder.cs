using System.Text.Json.Serialization;

namespace BatchOrders.Sandbox;

/// <summary>
/// One entry of the sandbox ledger: an order the sandbox created (<see cref="CreateKind"/>) or the line items a
/// PATCH added to it (<see cref="PatchKind"/>), with the request and correlation ids that caused it. An order that a
/// cart checkout created carries the cart's id in <see cref="CartId"/>; orders from <c>POST …/orders</c> and PATCH
/// entries have none (<c>"cartId": null</c> in the ledger JSON).
/// </summary>
public sealed record LedgerOrder(
    string OrderId,
    Guid CustomerId,
    Guid? RequestId,
    Guid? CorrelationId,
    string BillingCycle,
    IReadOnlyList<LedgerLineItem> LineItems,
    DateTimeOffset CreatedAt,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CartId = null)
{
    /// <summary><see cref="Kind"/> of an entry written by <c>POST …/orders</c>.</summary>
    public const string CreateKind = "create";

    /// <summary><see cref="Kind"/> of an entry written by <c>PATCH …/orders/{id}</c>.</summary>
    public const string PatchKind = "patch";

    /// <summary>
    /// <see cref="Kind"/> of an order the sandbox starts with (the catalog's <c>existingOrders</c>), so add-ons have
    /// a parent subscription to attach to. Not part of the ledger view: no client created it.
    /// </summary>
    public const string ExistingKind = "existing";
}
