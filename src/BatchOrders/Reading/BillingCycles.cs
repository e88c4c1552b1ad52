namespace BatchOrders.Reading;

/// <summary>Billing cycles as people type them and as Partner Center's wire format spells them.</summary>
public static class BillingCycles
{
    /// <summary>What a user may type, for messages and the template's dropdown.</summary>
    public static IReadOnlyList<string> DisplayNames { get; } = ["Monthly", "Annual", "None", "OneTime", "Triennial", "Biennial"];

    /// <summary>The value Partner Center expects on the wire: monthly, annual, none, one_time, triennial, biennial.</summary>
    public static string ToWireValue(this BillingCycle cycle) => cycle switch
    {
        BillingCycle.Monthly => "monthly",
        BillingCycle.Annual => "annual",
        BillingCycle.None => "none",
        BillingCycle.OneTime => "one_time",
        BillingCycle.Triennial => "triennial",
        BillingCycle.Biennial => "biennial",
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, null),
    };

    /// <summary>Reads a billing cycle ignoring case, spaces, '_' and '-' ("one-time", "ONE_TIME" and "OneTime" agree).</summary>
    public static bool TryParse(string text, out BillingCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(text);

        // The key is built on the stack: this runs for every row of a batch. Whitespace, '_', '-' and '.' only
        // shorten it, so it never needs more room than the text.
        Span<char> buffer = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
        ReadOnlySpan<char> key = buffer[..InputColumns.HeaderKey(text, buffer)];
        BillingCycle? parsed = key switch
        {
            "monthly" or "month" => BillingCycle.Monthly,
            "annual" or "annually" or "yearly" => BillingCycle.Annual,
            "none" => BillingCycle.None,
            "onetime" => BillingCycle.OneTime,
            "triennial" => BillingCycle.Triennial,
            "biennial" => BillingCycle.Biennial,
            _ => null,
        };
        cycle = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }
}
