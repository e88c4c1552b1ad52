namespace BatchOrders.Journal;

/// <summary>One HTTP attempt as it is logged: the request id it carried and what came back.</summary>
public sealed record AttemptNote(Guid RequestId, int? HttpStatus, string Outcome, string? ErrorCode, string? Message);
