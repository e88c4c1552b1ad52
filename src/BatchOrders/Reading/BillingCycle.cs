namespace BatchOrders.Reading;

/// <summary>How often the partner is billed for an order (Partner Center's BillingCycleType).</summary>
public enum BillingCycle
{
    /// <summary>Billed every month.</summary>
    Monthly,

    /// <summary>Billed once a year.</summary>
    Annual,

    /// <summary>No billing cycle (Partner Center's "none", for offers billed otherwise).</summary>
    None,

    /// <summary>Billed once (one_time), for perpetual software and reservations.</summary>
    OneTime,

    /// <summary>Billed every three years.</summary>
    Triennial,

    /// <summary>Billed every two years.</summary>
    Biennial,
}
