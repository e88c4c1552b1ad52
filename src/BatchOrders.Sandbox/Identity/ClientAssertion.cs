using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// Checks a client assertion (RFC 7523 <c>private_key_jwt</c>) as Microsoft Entra does: the header names the
/// registered certificate by thumbprint (<c>x5t</c>, SHA-1, with RS256; or <c>x5t#S256</c> with PS256, which MSAL
/// sends to Entra authorities), the signature verifies with its public key, <c>iss</c> and <c>sub</c> are the client
/// id, <c>aud</c> is the token endpoint, and the current time lies between <c>nbf</c> and <c>exp</c>.
/// </summary>
internal static class ClientAssertion
{
    /// <summary>The <c>client_assertion_type</c> of a signed JWT.</summary>
    public const string JwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    /// <summary>The AADSTS error for a refused assertion, or null when it is valid.</summary>
    public static IdentityError? Check(string assertion, X509Certificate2 certificate, string clientId, string tokenEndpoint, DateTimeOffset now)
    {
        var jwt = Jwt.TryParse(assertion);
        if (jwt is null)
        {
            return IdentityError.InvalidClient(50027, "Invalid JWT token. The client assertion is not a well-formed JSON Web Token.");
        }

        if (!IsSignedBy(jwt, certificate))
        {
            return IdentityError.InvalidClient(700027,
                "The certificate with identifier used to sign the client assertion is not registered on application, or the client assertion contains an invalid signature.");
        }

        if (jwt.Claim("iss") != clientId || jwt.Claim("sub") != clientId)
        {
            return IdentityError.InvalidClient(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
        }

        if (!string.Equals(jwt.Claim("aud"), tokenEndpoint, StringComparison.OrdinalIgnoreCase))
        {
            return IdentityError.InvalidClient(50027, $"Invalid JWT token. The client assertion's audience is not the token endpoint {tokenEndpoint}.");
        }

        var notBefore = jwt.TimeClaim("nbf");
        var expires = jwt.TimeClaim("exp");
        if (expires is null || expires <= now - ClockSkew || notBefore > now + ClockSkew)
        {
            return IdentityError.InvalidClient(700024, "Client assertion is not within its valid time range.");
        }

        return notBefore is { } start && expires - start > MaxLifetime
            ? IdentityError.InvalidClient(700024, "Client assertion contains an invalid lifetime (more than an hour).")
            : null;
    }

    private static bool IsSignedBy(Jwt jwt, X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPublicKey();
        if (key is null)
        {
            return false;
        }

        return jwt.HeaderValue("alg") switch
        {
            "RS256" => Matches(jwt.HeaderValue("x5t"), certificate.GetCertHash(HashAlgorithmName.SHA1))
                       && key.VerifyData(jwt.SignedPart, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "PS256" => Matches(jwt.HeaderValue("x5t#S256"), certificate.GetCertHash(HashAlgorithmName.SHA256))
                       && key.VerifyData(jwt.SignedPart, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => false,
        };
    }

    private static bool Matches(string? thumbprint, byte[] hash) =>
        thumbprint is not null && Base64Url.IsValid(thumbprint) && CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(thumbprint), hash);
}
