using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BatchOrders.Cli.Targets;
using BatchOrders.PartnerCenter;
using BatchOrders.Tests.Support;
using BatchOrders.Web;
using BatchOrders.Web.Sending;
using Microsoft.AspNetCore.TestHost;

namespace BatchOrders.Tests.Web;

/// <summary>
/// The page on an in-memory server with a client that keeps cookies as a browser does and sends the page's Origin:
/// every rule of the page is on. <see cref="SignInAsync"/> opens the printed address.
/// </summary>
public sealed partial class PageClient : IAsyncDisposable
{
    public const int Port = 5180;

    private PageClient(ServeHost host, HttpClient http, string folder)
    {
        Host = host;
        Http = http;
        Folder = folder;
    }

    public ServeHost Host { get; }

    /// <summary>A client with the page's cookies (once signed in) and its Origin on every request.</summary>
    public HttpClient Http { get; }

    /// <summary>The working folder.</summary>
    public string Folder { get; }

    public static Uri Origin { get; } = new($"http://127.0.0.1:{Port}/");

    public static async Task<PageClient> StartAsync(TempFolder temp, ITargetConnector? targets = null, long? maxUploadBytes = null)
    {
        var folder = temp.Folder("batches");
        var options = new ServeOptions { Folder = folder, Port = Port, MaxUploadBytes = maxUploadBytes ?? ServeOptions.DefaultMaxUploadBytes };
        var host = await ServeHost.StartAsync(options, targets ?? new ServeTargets(Target.Sandbox, new PartnerCenterSettings()), configure: b => b.WebHost.UseTestServer());
        var http = new HttpClient(new CookieHandler(new CookieContainer()) { InnerHandler = host.App.GetTestServer().CreateHandler() }) { BaseAddress = Origin };
        http.DefaultRequestHeaders.Add("Origin", $"http://127.0.0.1:{Port}");
        return new PageClient(host, http, folder);
    }

    /// <summary>A client of the same server without cookies or Origin: a stranger.</summary>
    public HttpClient Stranger() => new(Host.App.GetTestServer().CreateHandler()) { BaseAddress = Origin };

    /// <summary>Opens the printed address: the token is exchanged for the session cookie.</summary>
    public async Task SignInAsync()
    {
        using var response = await Http.GetAsync(new Uri("/?token=" + Host.Token.Value, UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    /// <summary>GETs a page and returns its HTML, failing on any status but 200.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{html}");
        return html;
    }

    /// <summary>The antiforgery token of a page's forms.</summary>
    public async Task<string> FormTokenAsync(string path = "/new") => FormToken(await PageAsync(path));

    public static string FormToken(string html) => FormTokenPattern().Match(html).Groups[1].Value;

    /// <summary>POSTs a form with the page's antiforgery token (from <paramref name="from"/>).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string from = "/new")
    {
        var token = await FormTokenAsync(from);
        using var content = new FormUrlEncodedContent([new("form-token", token), .. fields]);
        return await Http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>Uploads a file as the page's upload forms do.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string path, string fileName, byte[] bytes, IEnumerable<KeyValuePair<string, string>>? fields = null, string from = "/new", bool withToken = true)
    {
        using var content = new MultipartFormDataContent();
        if (withToken)
        {
            content.Add(new StringContent(await FormTokenAsync(from)), "form-token");
        }

        foreach (var (name, value) in fields ?? [])
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        return await Http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>Uploads a new batch and returns its id.</summary>
    public async Task<string> NewBatchAsync(string fileName, byte[] bytes)
    {
        using var response = await UploadAsync("/new", fileName, bytes);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.Location!.ToString().Split('/')[2];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    [GeneratedRegex("name=\"form-token\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    /// <summary>Keeps cookies across requests, as a browser does (the in-memory server's handler keeps none).</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(Origin, request.RequestUri);
            var header = cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    cookies.SetCookies(uri, cookie);
                }
            }

            return response;
        }
    }
}
