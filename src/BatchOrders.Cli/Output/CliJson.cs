using System.Text.Json;

namespace BatchOrders.Cli.Output;

/// <summary>How every --json output is written: camelCase, nulls kept, text readable (it is data on stdout, never HTML).</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
