namespace BatchOrders.Sandbox;

/// <summary>What one operation family was asked and how often it answered 429 (its own window's and storms').</summary>
public sealed record FamilyStats(long Requests, long Throttled429);
