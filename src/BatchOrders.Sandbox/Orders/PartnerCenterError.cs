namespace BatchOrders.Sandbox.Orders;

/// <summary>The error body Partner Center sends with a failure.</summary>
internal sealed record PartnerCenterError(int Code, string Description, IReadOnlyList<string> Data, string Source);
