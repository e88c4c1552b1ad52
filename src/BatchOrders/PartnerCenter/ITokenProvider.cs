namespace BatchOrders.PartnerCenter;

/// <summary>Gives the bearer token for the next request (cached and refreshed by the implementation).</summary>
public interface ITokenProvider
{
    /// <summary>Where the token comes from, for messages (never the token itself).</summary>
    string Description { get; }

    /// <summary>A valid bearer token for the next request.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
