using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BatchOrders.Sandbox.Idempotency;

/// <summary>
/// A hash of what makes two requests "the same request": method, route and the body in a canonical form (property
/// names lower-cased and sorted, no whitespace), so a client that re-serialises its body in another order or casing
/// still replays. A body that is not JSON is hashed as sent.
/// </summary>
internal static class RequestFingerprint
{
    public static string Compute(string method, string route, ReadOnlyMemory<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} {route}\n"));
        hash.AppendData(Canonical(body).Span);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static ReadOnlyMemory<byte> Canonical(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var buffer = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, document.RootElement);
            }

            return buffer.WrittenMemory;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject()
                    .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name.ToUpperInvariant());
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
