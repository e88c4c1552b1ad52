using System.Net;
using System.Net.Http.Headers;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// Puts the current access token on every request, so a token refreshed mid-batch is picked up. When the service
/// refuses a token the provider still held valid (it expired early, or the clocks disagree), the request is sent once
/// more with a renewed token — the same request, so the same <c>MS-RequestId</c>; a 401 means nothing was processed.
/// </summary>
public sealed class BearerTokenHandler(ITokenProvider tokens) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        string? renewed;
        try
        {
            renewed = await tokens.RenewAsync(token, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (renewed is null || renewed == token)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken);
    }
}
