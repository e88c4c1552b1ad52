using System.Globalization;
using System.Text.Json;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// A failure as Partner Center described it: the HTTP status, its code and description. Both body shapes are read:
/// <c>{"code": 800002, "description": …}</c> (code a number or a string) and the 429 shape
/// <c>{"statusCode": 429, "message": …}</c>. The service's own words are kept; a message is only made up when it gave none.
/// </summary>
public sealed record PartnerCenterError(int HttpStatus, string? Code, string Description)
{
    /// <summary>Reads a failure body of either shape; without one, the status's own meaning.</summary>
    public static PartnerCenterError Parse(int httpStatus, string? body)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var root = json.RootElement;
                    var code = Text(root, "code") ?? Text(root, "errorCode") ?? Text(root, "statusCode");
                    var description = Text(root, "description") ?? Text(root, "message") ?? Text(root, "errorMessage");
                    if (code is not null || description is not null)
                    {
                        return new PartnerCenterError(httpStatus, code, description ?? Fallback(httpStatus));
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, a truncated body): fall through to the status's own meaning.
            }
        }

        return new PartnerCenterError(httpStatus, null, Fallback(httpStatus));
    }

    private static string? Text(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static string Fallback(int status) => status switch
    {
        401 => "The access token was refused (401 Unauthorized).",
        403 => "The account is not allowed to place this order (403 Forbidden).",
        404 => "Not found (404).",
        408 => "The request timed out at the service (408).",
        429 => "Too many requests (429).",
        >= 500 => string.Create(CultureInfo.InvariantCulture, $"The service had a problem ({status}) and gave no details."),
        _ => string.Create(CultureInfo.InvariantCulture, $"The service answered {status} without details."),
    };
}
