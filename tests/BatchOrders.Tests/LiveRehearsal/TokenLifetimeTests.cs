using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Sandbox.Identity;
using BatchOrders.Submission;
using BatchOrders.Tests.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.LiveRehearsal;

/// <summary>
/// Tokens that stop being accepted in the middle of a batch. The sandbox's clock is moved past the token's lifetime
/// while MSAL (on the real clock) still holds the token valid — the clock skew or early expiry a long migration meets:
/// Partner Center answers 401, the client fetches a fresh token and sends the same request again.
/// </summary>
public sealed class TokenLifetimeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(SignIn.ClientSecret)]
    [InlineData(SignIn.DeviceCode)]
    public async Task A_token_expiring_mid_batch_is_renewed_and_every_order_is_placed_exactly_once(SignIn signIn)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o =>
        {
            o.AccessTokenLifetime = TimeSpan.FromMinutes(10);
            o.ApproveDeviceCodeAfterPolls = 0;
        }, clock);
        var settings = sandbox.Settings(signIn);
        using var tokens = await MsalTokenProvider.CreateAsync(settings, _ => Task.CompletedTask);
        var path = OrderFiles.Write(_folder, "expiring.csv", 60, seed: 50);
        var expired = 0;
        var progress = new Inline<SubmissionProgress>(p =>
        {
            if (p.Succeeded >= 20 && Interlocked.Exchange(ref expired, 1) == 0)
            {
                clock.Advance(TimeSpan.FromMinutes(11));
            }
        });

        var outcome = await RehearsalSandbox.RunAsync(settings, tokens, path, progress: progress);

        Assert.Null(outcome.Submission.AuthenticationFailure);
        Assert.Equal((60, 0), (outcome.States[OrderState.Succeeded], outcome.Remaining));
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox.Server, path, expectedOrders: 60);
        var stats = sandbox.Server.GetIdentityStats()!;
        Assert.True(stats.ApiTokensRefused > 0, "the token never expired: the test tested nothing");
        Assert.Equal(
            signIn == SignIn.ClientSecret ? (2, 0, 0) : (0, 1, 1),
            (stats.ClientSecretTokens, stats.DeviceCodeTokens, stats.RefreshTokenTokens));
    }

    [Fact]
    public async Task A_token_refused_again_after_renewal_stops_the_batch_with_the_orders_left_pending()
    {
        // Another tenant's sign-in service (its own signing key) behind the same HTTPS certificate: its tokens are foreign here.
        using var https = SandboxCertificate.CreateSelfSigned(TimeProvider.System);
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o => o.HttpsCertificate = https);
        await using var foreign = await RehearsalSandbox.StartAsync(_folder, o => o.HttpsCertificate = https, name: "foreign");
        var settings = sandbox.Settings(SignIn.ClientSecret);
        settings.Authority = foreign.Server.BaseAddress.ToString();
        using var tokens = await MsalTokenProvider.CreateAsync(settings, _ => Task.CompletedTask);
        var path = OrderFiles.Write(_folder, "foreign.csv", 12, seed: 51);

        // Eight requests leave at once, each with a TLS handshake, a 401, a token renewal and a second 401, within
        // RehearsalSandbox.SignInRetries' bound on an attempt.
        var outcome = await RehearsalSandbox.RunAsync(settings, tokens, path);

        Assert.Equal(401, outcome.Submission.AuthenticationFailure?.HttpStatus);
        Assert.True(12 == outcome.States[OrderState.Pending], string.Join(", ", outcome.States.Select(s => $"{s.Key}={s.Value}")));
        Assert.Empty(sandbox.Server.GetLedger());
        Assert.Equal(2, foreign.Server.GetIdentityStats()!.ClientSecretTokens);
        Assert.True(sandbox.Server.GetIdentityStats()!.ApiTokensRefused >= 2);
    }

    /// <summary>Reports on the caller's thread, so the test acts at the exact moment a count is reached.</summary>
    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
