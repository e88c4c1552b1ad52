namespace BatchOrders.Journal;

/// <summary>An order as the journal knows it: what to send, the ids it is sent with, and its outcome so far.</summary>
public sealed record JournalOrder
{
    public required string OrderKey { get; init; }

    public required string GroupKey { get; init; }

    /// <summary>Position in the plan: orders are sent in input order.</summary>
    public required int Sequence { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>The wire value (monthly, annual, …), or null for the order's default.</summary>
    public string? BillingCycle { get; init; }

    /// <summary>For add-ons: the existing order they are added to (sent as PATCH).</summary>
    public string? TargetOrderId { get; init; }

    public required IReadOnlyList<JournalLineItem> LineItems { get; init; }

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

    public int? HttpStatus { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public string? SupersededBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsAddOn => TargetOrderId is not null;
}
