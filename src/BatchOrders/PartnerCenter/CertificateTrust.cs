using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// HTTPS trust widened by exactly one certificate (PartnerCenter:TrustedCertificate, for rehearsals): a server is
/// accepted when the system trusts it, or when its certificate is that one (or was issued by it) and names the host.
/// Nothing else is relaxed: a wrong host name, an expired certificate or any other certificate is still refused.
/// </summary>
internal sealed class CertificateTrust
{
    private readonly X509Certificate2 _trusted;

    private CertificateTrust(X509Certificate2 trusted) => _trusted = trusted;

    /// <summary>Loads the certificate file (PEM or DER); a file that is not a certificate is a configuration problem.</summary>
    public static CertificateTrust Load(string path)
    {
        try
        {
            return new CertificateTrust(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException($"PartnerCenter:TrustedCertificate {Path.GetFileName(path)} is not a certificate file (PEM or DER).");
        }
    }

    /// <summary>Applies this trust to a handler's TLS checks.</summary>
    public void ApplyTo(SocketsHttpHandler handler) =>
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(certificate as X509Certificate2, errors);

    public bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted chain may be forgiven, never a missing certificate or another host's name.
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate))
        {
            return true;
        }

        // A self-signed server certificate that is itself the trusted one: the same bytes, and in its validity period.
        var now = DateTime.Now;
        return certificate.RawData.AsSpan().SequenceEqual(_trusted.RawData) && certificate.NotBefore <= now && now <= certificate.NotAfter;
    }
}
