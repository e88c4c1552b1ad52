using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// A compact JSON Web Token (RFC 7519) as the sandbox writes and reads them: RS256 signed, claims as JSON. Parsing
/// checks only the shape; signatures and claims are checked by the caller.
/// </summary>
internal sealed class Jwt
{
    private Jwt(JsonElement header, JsonElement payload, byte[] signedPart, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SignedPart = signedPart;
        Signature = signature;
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c>, which the signature covers.</summary>
    public byte[] SignedPart { get; }

    public byte[] Signature { get; }

    /// <summary>Signs <paramref name="claims"/> with RS256 under the key id <paramref name="keyId"/>.</summary>
    public static string Sign(JsonObject claims, RSA key, string keyId)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = keyId };
        var signed = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
                     Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The token's parts, or null when it is not three base64url parts with JSON objects in the first two.</summary>
    public static Jwt? TryParse(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || parts.Any(p => p.Length == 0 || !Base64Url.IsValid(p)))
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new Jwt(header.RootElement.Clone(), payload.RootElement.Clone(), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
                Base64Url.DecodeFromChars(parts[2]));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string claim of the header, or null.</summary>
    public string? HeaderValue(string name) =>
        Header.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A string claim of the payload, or null.</summary>
    public string? Claim(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A time claim (seconds since 1970) written as a number or, as MSAL writes <c>nbf</c> and <c>exp</c>, a string.</summary>
    public DateTimeOffset? TimeClaim(string name)
    {
        if (!Payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        long seconds;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>Checks an RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256).</summary>
    public bool IsSignedBy(RSA key) =>
        HeaderValue("alg") == "RS256" && key.VerifyData(SignedPart, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
