using System.Net;
using BatchOrders.Tests.Support;
using BatchOrders.Web.Security;

namespace BatchOrders.Tests.Web;

public sealed class PageSecurityTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();
    private PageClient _page = null!;

    public async Task InitializeAsync() => _page = await PageClient.StartAsync(_temp, maxUploadBytes: 64 * 1024);

    public async Task DisposeAsync() => await _page.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/new")]
    [InlineData("/template.xlsx")]
    [InlineData("/assets/app.js")]
    [InlineData("/batches/20260101-000000-aaaaaa/results.xlsx")]
    public async Task Without_the_token_every_address_is_refused(string path)
    {
        using var stranger = _page.Stranger();

        using var response = await stranger.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("needs the address that batchorders serve printed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_sets_no_cookie()
    {
        using var response = await _page.Http.GetAsync(new Uri("/?token=" + new string('0', 32), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var next = await _page.Http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
    }

    [Fact]
    public async Task The_token_is_exchanged_for_an_HttpOnly_SameSite_Strict_cookie_and_left_out_of_the_address()
    {
        using var response = await _page.Http.GetAsync(new Uri("/?token=" + _page.Host.Token.Value, UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(_page.Host.Token.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_page.Host.Token.Value, cookie, StringComparison.Ordinal);
        Assert.Contains("<h1>Batches</h1>", await _page.PageAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("localhost:5180")]
    [InlineData("127.0.0.1:9999")]
    public async Task A_Host_other_than_the_loopback_address_and_port_is_refused(string host)
    {
        await _page.SignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;

        using var response = await _page.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.DoesNotContain("<h1>Batches</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_has_the_content_security_policy_and_forbids_framing()
    {
        await _page.SignInAsync();
        foreach (var path in new[] { "/", "/new", "/assets/app.css", "/nothing-here" })
        {
            using var response = await _page.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(PageGuards.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", PageGuards.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_creates_nothing()
    {
        await _page.SignInAsync();

        using var response = await _page.UploadAsync("/new", "orders.csv", RepositoryFileBytes("finance-upload.csv"), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired or did not come from this page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_page.Folder));
    }

    [Theory]
    [InlineData("https://attacker.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:9999")]
    public async Task A_post_from_another_origin_is_refused_even_with_a_valid_token(string origin)
    {
        await _page.SignInAsync();
        var token = await _page.FormTokenAsync();
        using var content = new MultipartFormDataContent { { new StringContent(token), "form-token" }, { new ByteArrayContent(RepositoryFileBytes("finance-upload.csv")), "file", "orders.csv" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/new") { Content = content };
        request.Headers.Remove("Origin");
        request.Headers.Add("Origin", origin);

        using var response = await _page.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(Directory.GetDirectories(_page.Folder));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_answered_413_with_a_message()
    {
        await _page.SignInAsync();

        using var response = await _page.UploadAsync("/new", "big.csv", new byte[200 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The file is larger than the 0.1 MB this page takes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_page.Folder));
    }

    [Fact]
    public async Task A_file_name_with_dot_dot_is_stored_under_a_name_the_server_chose_inside_its_batch()
    {
        await _page.SignInAsync();

        var id = await _page.NewBatchAsync("../../../escaped.csv", RepositoryFileBytes("finance-upload.csv"));

        var batchFolder = Path.Combine(_page.Folder, id);
        Assert.Equal(["batch.json", "orders.csv"], Directory.GetFiles(batchFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(_temp.Path, "escaped.csv")));
        Assert.Empty(Directory.GetFiles(_temp.Path, "escaped*", SearchOption.AllDirectories));
        Assert.Contains(">escaped.csv</a>", await _page.PageAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/batches/..%2F..%2Fetc/results.xlsx")]
    [InlineData("/batches/20260101-000000-aaaaaa/failed-rows")]
    [InlineData("/batches/not-an-id/problems")]
    public async Task Files_are_found_by_batch_id_only(string path)
    {
        await _page.SignInAsync();

        using var response = await _page.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_file_the_reader_does_not_take_is_refused_in_words()
    {
        await _page.SignInAsync();

        using var response = await _page.UploadAsync("/new", "orders.pdf", [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("BatchOrders reads .csv, .xlsx, .xlsm, .xlsb and .xls files; orders.pdf is not one of them.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] RepositoryFileBytes(string sample) => File.ReadAllBytes(RepositoryFiles.Get("sample-data", sample));
}
