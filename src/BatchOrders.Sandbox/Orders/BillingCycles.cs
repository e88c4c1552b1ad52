namespace BatchOrders.Sandbox.Orders;

/// <summary>Billing cycle wire values; clients may send them in any case, and <c>OneTime</c> for <c>one_time</c>.</summary>
internal static class BillingCycles
{
    private static readonly string[] WireValues = ["monthly", "annual", "none", "one_time", "triennial", "biennial"];

    /// <summary>The wire value for <paramref name="value"/>, or null if it is not a billing cycle.</summary>
    public static string? Normalize(string value)
    {
        var key = value.Replace("_", string.Empty, StringComparison.Ordinal);
        return Array.Find(WireValues, w => string.Equals(w.Replace("_", string.Empty, StringComparison.Ordinal), key, StringComparison.OrdinalIgnoreCase));
    }

    public static string All => string.Join(", ", WireValues);
}
