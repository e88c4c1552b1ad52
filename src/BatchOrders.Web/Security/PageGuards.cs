using BatchOrders.Web.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace BatchOrders.Web.Security;

/// <summary>
/// The rules every request meets before any page (docs/web.md, "Security"): security headers on every answer; a Host
/// that is the loopback address and port (DNS rebinding); this start's token or session cookie; and for every POST an
/// Origin of this page, a body within the upload limit, and a valid antiforgery token.
/// </summary>
internal sealed class PageGuards(ServeAddress address, StartToken token, IAntiforgery antiforgery, ServeOptions options)
{
    /// <summary>Room for a form's other fields beside its file.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>The content security policy: only this page's own files, no framing, forms only to itself.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        response.Headers.CacheControl = "no-store";

        if (!string.Equals(context.Request.Host.Value, address.Authority, StringComparison.OrdinalIgnoreCase))
        {
            // A name that resolves to this machine (DNS rebinding) must not reach the page: only its own address does.
            await ErrorResponse.WriteAsync(context, StatusCodes.Status421MisdirectedRequest, "Wrong address",
                $"This page answers only at {address.Origin}/. Open the address that batchorders serve printed.");
            return;
        }

        if (context.Request.Query.TryGetValue("token", out var sent))
        {
            if (!token.IsToken(sent))
            {
                await Refuse(context);
                return;
            }

            response.Cookies.Append(token.CookieName, token.Session, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            response.Redirect(context.Request.PathBase + context.Request.Path);
            response.StatusCode = StatusCodes.Status303SeeOther;
            return;
        }

        if (!token.IsSession(context.Request.Cookies[token.CookieName]))
        {
            await Refuse(context);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Not allowed", "This page takes only the requests its own forms send.");
            return;
        }

        if (!FromThisPage(context.Request))
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "Refused",
                "This request did not come from this page, so it was refused and nothing was done. Use the page's own buttons.");
            return;
        }

        if (context.Request.ContentLength > options.MaxUploadBytes + FormOverheadBytes)
        {
            await TooLarge(context);
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Form expired",
                "This form has expired or did not come from this page, so nothing was done. Go back, reload the page and try again.");
            return;
        }
        catch (Exception ex) when (IsTooLarge(ex))
        {
            await TooLarge(context);
            return;
        }

        await next(context);
    }

    /// <summary>The message of an upload over the limit (413).</summary>
    public Task TooLarge(HttpContext context) =>
        ErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "File too large", TooLargeMessage(options.MaxUploadBytes));

    /// <summary>What a person reads when a file is over the limit.</summary>
    public static string TooLargeMessage(long limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The file is larger than the {limit / (1024.0 * 1024):0.#} MB this page takes, so it was not uploaded. Split it into smaller files, or start batchorders serve with a larger --max-upload.");

    /// <summary>A request body over the limit, as ASP.NET Core reports it while reading a form.</summary>
    public static bool IsTooLarge(Exception ex) =>
        ex is InvalidDataException || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    private bool FromThisPage(HttpRequest request)
    {
        // Browsers send Origin with every POST; an old one may send only Referer, which must then be this page.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, address.Origin, StringComparison.OrdinalIgnoreCase);
        }

        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
               && string.Equals(referer.GetLeftPart(UriPartial.Authority), address.Origin, StringComparison.OrdinalIgnoreCase);
    }

    private static Task Refuse(HttpContext context) =>
        ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "Open the printed address",
            "This page needs the address that batchorders serve printed when it started (it ends with ?token=…). " +
            "Open that address; an address from an earlier start no longer works.");
}
