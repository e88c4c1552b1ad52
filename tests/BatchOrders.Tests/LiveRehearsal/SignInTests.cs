using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Tests.Submission;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.LiveRehearsal;

/// <summary>
/// Every way the live path signs in, through MSAL against the sandbox's identity endpoints, placing a batch with
/// the tokens it was issued: the ledger holds each order exactly once, and the sandbox saw the expected sign-in.
/// </summary>
public sealed class SignInTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task App_only_with_a_client_secret_places_the_batch()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);

        await AssertBatchPlacedAsync(sandbox, SignIn.ClientSecret, orders: 25);

        var stats = sandbox.Server.GetIdentityStats()!;
        Assert.True(stats.ClientSecretTokens >= 1);
        Assert.Equal((0, 0, 0), (stats.ClientAssertionTokens, stats.DeviceCodeTokens, stats.ApiTokensRefused));
    }

    [Fact]
    public async Task App_only_with_a_password_protected_certificate_file_signs_a_client_assertion_and_places_the_batch()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);

        await AssertBatchPlacedAsync(sandbox, SignIn.CertificateFile, orders: 25);

        var stats = sandbox.Server.GetIdentityStats()!;
        Assert.True(stats.ClientAssertionTokens >= 1);
        Assert.Equal((0, 0), (stats.ClientSecretTokens, stats.SignInsRefused));
    }

    /// <summary>On Linux, .NET keeps the current user's personal store as files under ~/.dotnet: the test adds and removes its certificate there.</summary>
    [Fact]
    public async Task App_only_with_a_certificate_from_the_personal_store_places_the_batch()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(sandbox.ClientCertificate);
        try
        {
            await AssertBatchPlacedAsync(sandbox, SignIn.CertificateThumbprint, orders: 10);
        }
        finally
        {
            store.Remove(sandbox.ClientCertificate);
        }

        Assert.True(sandbox.Server.GetIdentityStats()!.ClientAssertionTokens >= 1);
    }

    [Fact]
    public async Task App_plus_user_with_a_device_code_approved_by_the_partner_user_places_the_batch()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        using var operatorClient = new HttpClient(PartnerCenterHttp.CreateHandler(sandbox.Settings(SignIn.DeviceCode))) { BaseAddress = sandbox.Server.BaseAddress };
        var messages = new List<string>();

        await AssertBatchPlacedAsync(sandbox, SignIn.DeviceCode, orders: 25, async message =>
        {
            // The partner user opens the page the message names and approves the code it shows.
            messages.Add(message);
            var userCode = message.Split(' ').SkipWhile(w => w != "code").Skip(1).First();
            using var approved = await operatorClient.PostAsync("_sandbox/identity/approve", new FormUrlEncodedContent([new("user_code", userCode)]));
            Assert.Equal(1, (await approved.Content.ReadFromJsonAsync<Dictionary<string, int>>())!["approved"]);
        });

        Assert.Contains($"{sandbox.Server.BaseAddress}_sandbox/identity/device", Assert.Single(messages), StringComparison.Ordinal);
        var stats = sandbox.Server.GetIdentityStats()!;
        Assert.Equal((1, 1), (stats.DeviceCodesIssued, stats.DeviceCodeTokens));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_by_sign_in_and_nothing_is_sent()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, clientSecret: "the-registered-secret-0001");
        var settings = sandbox.Settings(SignIn.ClientSecret);
        using var tokens = await MsalTokenProvider.CreateAsync(settings, _ => Task.CompletedTask);
        var path = OrderFiles.Write(_folder, "wrong-secret.csv", 5, seed: 41);

        var outcome = await RehearsalSandbox.RunAsync(settings, tokens, path);

        var failure = Assert.IsType<PartnerCenterError>(outcome.Submission.AuthenticationFailure);
        Assert.Contains("AADSTS7000215", failure.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(RehearsalSandbox.ClientSecret, failure.Description, StringComparison.Ordinal);
        Assert.Equal(5, outcome.States[OrderState.Pending]);
        Assert.Empty(sandbox.Server.GetLedger());
    }

    private async Task AssertBatchPlacedAsync(RehearsalSandbox sandbox, SignIn signIn, int orders, Func<string, Task>? showDeviceCode = null)
    {
        var settings = sandbox.Settings(signIn);
        Assert.Empty(settings.MissingForLive());
        using var tokens = await MsalTokenProvider.CreateAsync(settings, showDeviceCode ?? (_ => throw new InvalidOperationException("no device code expected")));
        var path = OrderFiles.Write(_folder, $"{signIn}.csv", orders, seed: 40 + (int)signIn);

        var outcome = await RehearsalSandbox.RunAsync(settings, tokens, path);

        Assert.Null(outcome.Submission.AuthenticationFailure);
        Assert.Equal((orders, 0), (outcome.States[OrderState.Succeeded], outcome.Remaining));
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox.Server, path, expectedOrders: orders);
    }
}
