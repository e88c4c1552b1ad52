namespace BatchOrders.Reading;

/// <summary>How often the partner is billed for an order (Partner Center's BillingCycleType).</summary>
public enum BillingCycle
{
    Monthly,
    Annual,
    None,
    OneTime,
    Triennial,
    Biennial,
}
