using BatchOrders.Planning;

namespace BatchOrders.Journal;

/// <summary>An order as the journal knows it: what to send, the ids it is sent with, and its outcome so far.</summary>
public sealed record JournalOrder
{
    /// <summary>The order's identity: the same on every run for the same line items.</summary>
    public required string OrderKey { get; init; }

    /// <summary>The slot the order fills (customer, billing cycle, target order, group, part), whatever its content.</summary>
    public required string GroupKey { get; init; }

    /// <summary>Position in the plan: orders are sent in input order.</summary>
    public required int Sequence { get; init; }

    /// <summary>The group all parts and paths of this order share: the lines any of them bought are bought for all.</summary>
    public required string FamilyKey { get; init; }

    /// <summary>How the order is bought: the orders API, or a cart and its checkout.</summary>
    public required PurchasePath Path { get; init; }

    /// <summary>Cart path: the cart once created (journaled as soon as it is known); null before, or after it expired unused.</summary>
    public string? CartId { get; init; }

    /// <summary>Cart path: when <see cref="CartId"/> expires unless checked out.</summary>
    public DateTimeOffset? CartExpiresAt { get; init; }

    /// <summary>Cart path: the MS-RequestId of the checkout, journaled with the cart id before the checkout is sent.</summary>
    public Guid? CheckoutRequestId { get; init; }

    /// <summary>The customer tenant the order is for.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The wire value (monthly, annual, …), or null for the order's default.</summary>
    public string? BillingCycle { get; init; }

    /// <summary>For add-ons: the existing order they are added to (sent as PATCH).</summary>
    public string? TargetOrderId { get; init; }

    /// <summary>What is ordered, exactly as it is sent on every attempt.</summary>
    public required IReadOnlyList<JournalLineItem> LineItems { get; init; }

    /// <summary>Where the order is in its life (see <see cref="OrderStateMachine"/>).</summary>
    public required OrderState State { get; init; }

    /// <summary>The MS-RequestId: written before the first request, reused until a definitive answer.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The MS-CorrelationId: one per order, for support cases and audit records.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>HTTP attempts made with any request id.</summary>
    public int Attempts { get; init; }

    /// <summary>When the current request id was first sent.</summary>
    public DateTimeOffset? RequestFirstUsedAt { get; init; }

    /// <summary>The Partner Center order id, once succeeded.</summary>
    public string? PartnerOrderId { get; init; }

    /// <summary>The HTTP status of the last answer, if any.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Partner Center's error code of the last refusal or fault.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Partner Center's description of the last refusal or fault, or why the order is a conflict.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The order key of the version that replaced this one.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>When the order was planned into the journal.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the journal last changed the order.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the order was first sent.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When it got its definitive answer.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Add-ons are PATCHed into an existing order; everything else creates one.</summary>
    public bool IsAddOn => TargetOrderId is not null;
}
