namespace BatchOrders.PartnerCenter;

/// <summary>
/// The HTTP connection to Partner Center and to the sign-in service, shared by the orders client and MSAL: pooled
/// connections renewed every five minutes (DNS changes are seen), and, for a rehearsal, the one extra trusted
/// certificate of PartnerCenter:TrustedCertificate.
/// </summary>
public static class PartnerCenterHttp
{
    /// <summary>A new primary handler for the settings; the caller owns it.</summary>
    public static SocketsHttpHandler CreateHandler(PartnerCenterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 };
        if (settings.TrustedCertificate is { } path)
        {
            // The callback keeps the certificate for the handler's lifetime; it is small and read once.
            CertificateTrust.Load(path).ApplyTo(handler);
        }

        return handler;
    }
}
