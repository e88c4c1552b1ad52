using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchOrders.Web.Pages;

/// <summary>Answers a request with <see cref="ErrorPage"/> and a status code.</summary>
internal static class ErrorResponse
{
    public static Task WriteAsync(HttpContext context, int status, string title, string message) =>
        Result(status, title, message).ExecuteAsync(context);

    public static RazorComponentResult<ErrorPage> Result(int status, string title, string message) =>
        new(new Dictionary<string, object?> { [nameof(ErrorPage.Title)] = title, [nameof(ErrorPage.Message)] = message }) { StatusCode = status };
}
