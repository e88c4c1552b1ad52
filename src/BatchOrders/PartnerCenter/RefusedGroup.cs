namespace BatchOrders.PartnerCenter;

/// <summary>An order group a checkout refused: nothing of it was ordered.</summary>
internal sealed record RefusedGroup(string? OrderGroupId, string? Code, string Description);
