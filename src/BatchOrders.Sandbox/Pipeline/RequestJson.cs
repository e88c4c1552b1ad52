using System.Text.Json;

namespace BatchOrders.Sandbox.Pipeline;

/// <summary>Reads request bodies as Partner Center does: property names case-insensitively (the SDK sends PascalCase).</summary>
internal static class RequestJson
{
    /// <summary>The body as a JSON document whose root is an object, or the 400 (800002) answer saying why it is not.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="what">What the object should be, for the message: "an order", "a cart".</param>
    public static (JsonDocument? Document, SandboxAnswer? Error) ParseObject(ReadOnlyMemory<byte> body, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, SandboxAnswer.Error(400, Orders.ErrorCodes.InvalidInput, $"The request body is not valid JSON: {e.Message}"));
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return (document, null);
        }

        document.Dispose();
        return (null, SandboxAnswer.Error(400, Orders.ErrorCodes.InvalidInput, $"The request body must be a JSON object ({what})."));
    }

    /// <summary>The property named <paramref name="name"/> in any case, or null when the object has none.</summary>
    public static JsonElement? Find(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>False when the property is present with a value that is neither a string nor null.</summary>
    public static bool TryOptionalString(JsonElement element, string name, out string? value)
    {
        value = null;
        switch (Find(element, name))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return true;
            case { ValueKind: JsonValueKind.String } text:
                value = text.GetString();
                return true;
            default:
                return false;
        }
    }

    /// <summary>A partner id (digits), sent as a string or a number; null when it is not one.</summary>
    public static string? PartnerId(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
        return !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit) ? text : null;
    }

    /// <summary>False when the property is present and not an object of string values.</summary>
    public static bool TryStringMap(JsonElement element, string name, out IReadOnlyDictionary<string, string>? map)
    {
        map = null;
        switch (Find(element, name))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return true;
            case { ValueKind: JsonValueKind.Object } value when value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String):
                map = value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Why <c>Attributes.ObjectType</c> is not <paramref name="expected"/>, when it is sent and is not; null otherwise.</summary>
    public static string? ObjectTypeProblem(JsonElement element, string expected) =>
        Find(element, "attributes") is { ValueKind: JsonValueKind.Object } attributes
        && Find(attributes, "objectType") is { ValueKind: not JsonValueKind.Null } objectType
        && !(objectType.ValueKind == JsonValueKind.String && string.Equals(objectType.GetString(), expected, StringComparison.OrdinalIgnoreCase))
            ? $"Attributes.ObjectType must be '{expected}'; got {objectType.GetRawText()}."
            : null;
}
