namespace BatchOrders.Sandbox.Orders;

/// <summary>One orders API call after routing and header checks: whose, which order, which ids, what body.</summary>
internal sealed record OrderContext(
    Guid CustomerId,
    string? OrderId,
    Guid? RequestId,
    Guid? CorrelationId,
    ReadOnlyMemory<byte> Body);
