using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// The sandbox's own HTTPS certificate: self-signed for 127.0.0.1, ::1 and localhost, valid for 30 days, made at
/// start. Clients trust it explicitly (its PEM file), never by turning certificate checks off.
/// </summary>
internal static class SandboxCertificate
{
    public static X509Certificate2 CreateSelfSigned(TimeProvider time)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=BatchOrders sandbox (rehearsals only), O=BatchOrders", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));

        // A round trip through PKCS#12 gives a key every platform's TLS stack accepts (Windows refuses ephemeral keys).
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Writes the certificate's public part as PEM, the file a client is told to trust.</summary>
    public static void WritePem(X509Certificate2 certificate, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
    }
}
