namespace BatchOrders.PartnerCenter;

/// <summary>An order Partner Center placed (by a checkout, or read back): its id, billing cycle, when, and what it holds.</summary>
internal sealed record PlacedOrder(string Id, string? BillingCycle, DateTimeOffset? CreationDate, IReadOnlyList<PlacedLine> Lines);

/// <summary>A line of a placed order: the offer (catalog item id), quantity, term and the subscription it made, if known yet.</summary>
internal sealed record PlacedLine(int LineItemNumber, string? OfferId, int? Quantity, string? TermDuration, string? SubscriptionId);
