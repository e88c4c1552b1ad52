using System.Text.RegularExpressions;
using BatchOrders.Cli.Commands;
using BatchOrders.Sandbox.Identity;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Sandbox;

/// <summary><c>batchorders sandbox --identity</c>: the standalone sandbox as the identity provider of a rehearsal.</summary>
public sealed class SandboxIdentityCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task With_identity_the_sandbox_serves_https_writes_its_certificate_and_says_how_to_point_the_live_client_at_it()
    {
        var (app, output) = SandboxCommandTests.App();
        var certificate = _folder.File("sandbox.pem");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await app.RunAsync(["sandbox", "--port", "0", "--identity", "--https-certificate", certificate, "--quiet"], cancelled.Token);

        var text = Regex.Replace(output.ToString(), @"\s+", " ");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"listening on https://127\.0\.0\.1:\d+/", text);
        Assert.Contains($"PartnerCenter:TrustedCertificate = {certificate}", text, StringComparison.Ordinal);
        Assert.Contains("secret refused, certificate refused", text, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(certificate), StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_flags_map_onto_identity_options()
    {
        using var https = SandboxCertificate.CreateSelfSigned(TimeProvider.System);
        var tenant = Guid.NewGuid();
        var settings = new SandboxCommand.Settings
        {
            Identity = true, TenantId = tenant, ClientId = "11111111-2222-3333-4444-555555555555", TokenLifetimeMinutes = 5, ApproveAfterPolls = 2,
            ClientCertificate = _folder.WriteText("app.pem", https.ExportCertificatePem()), HttpsCertificate = _folder.File("out.pem"),
        };

        var identity = settings.ToOptions().Identity!;

        Assert.True(settings.Validate().Successful);
        Assert.Equal((tenant, "11111111-2222-3333-4444-555555555555"), (identity.TenantId, identity.ClientId));
        Assert.Equal((TimeSpan.FromMinutes(5), 2, _folder.File("out.pem")), (identity.AccessTokenLifetime, identity.ApproveDeviceCodeAfterPolls, identity.HttpsCertificatePath));
        Assert.Equal(https.Thumbprint, identity.ClientCertificate!.Thumbprint);
        Assert.Null(new SandboxCommand.Settings().ToOptions().Identity);
    }

    [Fact]
    public void A_client_certificate_that_cannot_be_read_is_an_invalid_option()
    {
        var settings = new SandboxCommand.Settings { Identity = true, ClientCertificate = _folder.WriteText("app.pem", "not a certificate") };

        var result = settings.Validate();

        Assert.False(result.Successful);
        Assert.Contains("--client-certificate app.pem is neither a certificate", result.Message, StringComparison.Ordinal);
    }
}
