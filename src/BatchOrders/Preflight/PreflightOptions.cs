namespace BatchOrders.Preflight;

/// <summary>How the preflight treats what it finds.</summary>
public sealed record PreflightOptions
{
    /// <summary>Warnings stop the run as errors do (<c>--strict</c>).</summary>
    public bool Strict { get; init; }

    /// <summary>Most partner ids in one <c>validateresellers</c> request.</summary>
    public int ResellersPerRequest { get; init; } = 100;
}
