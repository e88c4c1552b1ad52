using System.Net.Http.Headers;

namespace BatchOrders.PartnerCenter;

/// <summary>Puts the current access token on every request, so a token refreshed mid-batch is picked up.</summary>
public sealed class BearerTokenHandler(ITokenProvider tokens) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
