using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchOrders.Sandbox.Pipeline;

/// <summary>How the sandbox writes JSON: camelCase names and enum values, nulls left out, as Partner Center answers.</summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
