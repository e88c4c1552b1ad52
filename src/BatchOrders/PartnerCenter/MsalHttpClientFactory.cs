using Microsoft.Identity.Client;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// The one HttpClient MSAL uses for the sign-in service, over <see cref="PartnerCenterHttp.CreateHandler"/>, so a
/// rehearsal's trusted certificate applies to sign-in as it does to the orders API.
/// </summary>
internal sealed class MsalHttpClientFactory(PartnerCenterSettings settings) : IMsalHttpClientFactory, IDisposable
{
    private readonly HttpClient _http = new(PartnerCenterHttp.CreateHandler(settings), disposeHandler: true);

    public HttpClient GetHttpClient() => _http;

    public void Dispose() => _http.Dispose();
}
