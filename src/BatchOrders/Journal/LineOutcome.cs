namespace BatchOrders.Journal;

/// <summary>What became of one line of an order: bought (<see cref="PartnerOrderId"/>, maybe its subscription) or refused (code, description).</summary>
public sealed record LineOutcome(string? PartnerOrderId, string? SubscriptionId, string? ErrorCode, string? ErrorMessage)
{
    /// <summary>The line was bought by <paramref name="partnerOrderId"/>.</summary>
    public static LineOutcome Bought(string partnerOrderId, string? subscriptionId) => new(partnerOrderId, subscriptionId, null, null);

    /// <summary>The line was refused.</summary>
    public static LineOutcome Refused(string? code, string message) => new(null, null, code, message);
}
