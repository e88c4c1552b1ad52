using System.Net.Security;
using BatchOrders.PartnerCenter;
using BatchOrders.Sandbox.Identity;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.LiveRehearsal;

/// <summary>The live client's settings for rehearsals: defaults untouched, addresses checked, one certificate trusted and no more.</summary>
public sealed class LiveSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_rehearsal_settings_the_live_client_points_at_microsoft()
    {
        var settings = new PartnerCenterSettings();

        Assert.Equal(new Uri("https://api.partnercenter.microsoft.com/"), settings.ApiAddress);
        Assert.Equal(new Uri("https://login.microsoftonline.com/"), settings.AuthorityAddress);
        Assert.False(settings.IsRehearsal);
        Assert.False(new PartnerCenterSettings { ApiBaseAddress = "https://API.partnercenter.microsoft.com" }.IsRehearsal);
        Assert.True(new PartnerCenterSettings { ApiBaseAddress = "https://127.0.0.1:5099" }.IsRehearsal);
    }

    [Theory]
    [InlineData("Authority", "http://127.0.0.1:5099/")]
    [InlineData("ApiBaseAddress", "http://127.0.0.1:5099/")]
    [InlineData("ApiBaseAddress", "127.0.0.1:5099")]
    public void Rehearsal_addresses_must_be_https_because_tokens_travel_to_them(string name, string value)
    {
        var settings = new PartnerCenterSettings { TenantId = "t", ClientId = "c", ClientSecret = "s" };
        typeof(PartnerCenterSettings).GetProperty(name)!.SetValue(settings, value);

        Assert.Equal([Enum.Parse<LiveSetting>(name)], settings.MissingForLive());
    }

    [Fact]
    public void A_trusted_certificate_file_that_does_not_exist_is_reported()
    {
        var settings = new PartnerCenterSettings { TenantId = "t", ClientId = "c", ClientSecret = "s", TrustedCertificate = _folder.File("missing.pem") };

        Assert.Equal([LiveSetting.TrustedCertificate], settings.MissingForLive());
    }

    [Fact]
    public async Task A_trusted_certificate_file_that_is_not_a_certificate_is_a_configuration_problem()
    {
        var settings = new PartnerCenterSettings { TenantId = "t", ClientId = "c", ClientSecret = "s", Authority = "https://127.0.0.1:1/", TrustedCertificate = _folder.WriteText("not.pem", "hello") };

        var problem = await Assert.ThrowsAsync<InvalidOperationException>(() => MsalTokenProvider.CreateAsync(settings, _ => Task.CompletedTask));

        Assert.Contains("not a certificate file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_thumbprint_found_in_no_store_is_a_configuration_problem()
    {
        var settings = new PartnerCenterSettings { TenantId = "t", ClientId = "c", CertificateThumbprint = "00112233445566778899AABBCCDDEEFF00112233" };

        var problem = await Assert.ThrowsAsync<InvalidOperationException>(() => MsalTokenProvider.CreateAsync(settings, _ => Task.CompletedTask));

        Assert.Contains("No certificate with thumbprint", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trusted_certificate_forgives_an_untrusted_chain_only_for_itself_and_never_a_wrong_host_name()
    {
        using var trusted = SandboxCertificate.CreateSelfSigned(TimeProvider.System);
        using var other = SandboxCertificate.CreateSelfSigned(TimeProvider.System);
        var trust = CertificateTrust.Load(_folder.WriteText("trusted.pem", trusted.ExportCertificatePem()));

        Assert.True(trust.Accepts(other, SslPolicyErrors.None));
        Assert.True(trust.Accepts(trusted, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(trust.Accepts(other, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(trust.Accepts(trusted, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(trust.Accepts(null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }
}
