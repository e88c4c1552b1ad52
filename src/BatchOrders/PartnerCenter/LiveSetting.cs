namespace BatchOrders.PartnerCenter;

/// <summary>The settings live Partner Center needs; <see cref="PartnerCenterSettings.MissingForLive"/> names the ones not configured.</summary>
public enum LiveSetting
{
    /// <summary>The partner's tenant.</summary>
    TenantId,

    /// <summary>The application registered for Partner Center.</summary>
    ClientId,

    /// <summary>One way to sign in: a certificate (file or store), a client secret, or a partner user's device code.</summary>
    SignIn,

    /// <summary>Rehearsals only: PartnerCenter:Authority is set but is not an https:// address.</summary>
    Authority,

    /// <summary>Rehearsals only: PartnerCenter:ApiBaseAddress is set but is not an https:// address.</summary>
    ApiBaseAddress,

    /// <summary>Rehearsals only: PartnerCenter:TrustedCertificate names a file that does not exist.</summary>
    TrustedCertificate,
}
