namespace BatchOrders.PartnerCenter;

/// <summary>Gives the bearer token for the next request (cached and refreshed by the implementation).</summary>
public interface ITokenProvider
{
    /// <summary>Where the token comes from, for messages (never the token itself).</summary>
    string Description { get; }

    /// <summary>A valid bearer token for the next request.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A token other than <paramref name="rejectedToken"/>, which the service just refused with 401; null when no
    /// other can be had (the refusal then stands).
    /// </summary>
    ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken);
}
