namespace BatchOrders.PartnerCenter;

/// <summary>A fixed token: the sandbox accepts any, and a standalone sandbox may be configured with one.</summary>
public sealed class StaticTokenProvider(string token, string description) : ITokenProvider
{
    /// <inheritdoc />
    public string Description => description;

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    /// <summary>Never the token: a provider must be safe to log.</summary>
    public override string ToString() => description;
}
