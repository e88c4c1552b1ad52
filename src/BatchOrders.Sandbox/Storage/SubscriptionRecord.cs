namespace BatchOrders.Sandbox.Storage;

/// <summary>A subscription the sandbox issued: which customer, order and offer it belongs to.</summary>
internal sealed record SubscriptionRecord(Guid SubscriptionId, Guid CustomerId, string OrderId, string OfferId);
