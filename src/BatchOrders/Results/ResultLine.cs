namespace BatchOrders.Results;

/// <summary>One input row of the Results sheet: its original cells and what became of it (<see cref="OfferBought"/>: today's catalog item id the preflight bought instead of the sheet's).</summary>
internal sealed record ResultLine(
    IReadOnlyList<string> Cells,
    string State,
    string? OrderId = null,
    string? SubscriptionId = null,
    string? Path = null,
    string? CartId = null,
    int? LineItemNumber = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    int? Attempts = null,
    Guid? RequestId = null,
    Guid? CorrelationId = null,
    DateTimeOffset? SubmittedAt = null,
    string? OfferBought = null);
