namespace BatchOrders.Results;

/// <summary>One order of the Orders sheet.</summary>
internal sealed record OrderLine(
    int Number,
    string CustomerId,
    string? BillingCycle,
    bool IsAddOn,
    string? TargetOrderId,
    int LineItems,
    string InputRows,
    string State,
    string OrderKey,
    string? PartnerOrderId = null,
    int? HttpStatus = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    int? Attempts = null,
    Guid? RequestId = null,
    Guid? CorrelationId = null,
    DateTimeOffset? SubmittedAt = null,
    DateTimeOffset? CompletedAt = null,
    string? SupersededBy = null);
