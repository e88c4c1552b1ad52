namespace BatchOrders.PartnerCenter;

/// <summary>
/// The HTTP connection to Partner Center and to the sign-in service, shared by the orders client and MSAL: pooled
/// connections renewed every five minutes (DNS changes are seen), as many as the throttle gates let requests be in
/// flight, and, for a rehearsal, the one extra trusted
/// certificate of PartnerCenter:TrustedCertificate.
/// </summary>
public static class PartnerCenterHttp
{
    /// <summary>A new primary handler for the settings; the caller owns it.</summary>
    public static SocketsHttpHandler CreateHandler(PartnerCenterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // No cap on connections: the throttle gates bound the requests in flight (--max-in-flight). A cap here queued
        // requests the gates had already let go (64 connections carry 1,920 a minute at 2 s), so they reached the
        // service seconds later, in a burst the gates' mirror of its window never saw: 269 reads refused in one run.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (settings.TrustedCertificate is { } path)
        {
            // The callback keeps the certificate for the handler's lifetime; it is small and read once.
            CertificateTrust.Load(path).ApplyTo(handler);
        }

        return handler;
    }
}
