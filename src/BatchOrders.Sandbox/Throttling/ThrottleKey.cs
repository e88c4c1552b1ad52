namespace BatchOrders.Sandbox;

/// <summary>What one throttling window counts: a partner's requests, or a partner's requests for one customer.</summary>
public enum ThrottleKey
{
    /// <summary>One window per partner tenant (the bearer token's partner).</summary>
    Partner,

    /// <summary>One window per partner tenant and customer tenant (the route's customer; routes without one count per partner).</summary>
    PartnerAndCustomer,
}
