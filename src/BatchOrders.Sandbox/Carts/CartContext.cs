namespace BatchOrders.Sandbox.Carts;

/// <summary>One carts API call after routing and header checks: whose, which cart, which ids, what body.</summary>
internal sealed record CartContext(
    Guid CustomerId,
    string? CartId,
    Guid? RequestId,
    Guid? CorrelationId,
    ReadOnlyMemory<byte> Body);
