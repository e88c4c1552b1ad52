using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using BatchOrders.Journal;
using BatchOrders.Sandbox.Identity;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.LiveRehearsal;

/// <summary>
/// <c>batchorders submit --target live</c> as a child process, configured only through BATCHORDERS__PartnerCenter__…
/// environment variables that point the authority and the API at a sandbox playing the identity provider.
/// </summary>
public sealed class LiveRehearsalCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_device_code_sign_in_is_asked_once_and_the_next_batch_signs_in_silently_from_the_cache()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o => o.ApproveDeviceCodeAfterPolls = 1);
        var environment = sandbox.Environment(SignIn.DeviceCode);
        var first = OrderFiles.Write(_folder, "first.csv", 15, seed: 60);
        var second = OrderFiles.Write(_folder, "second.csv", 15, seed: 61);

        var signedIn = await CliProcess.RunAsync(["submit", first, "--target", "live", "--device-code"], environment);
        var silent = await CliProcess.RunAsync(["submit", second, "--target", "live", "--device-code"], environment);

        Assert.True(signedIn.ExitCode == 0, signedIn.Output + signedIn.Error);
        Assert.Contains("enter the code", signedIn.Output, StringComparison.Ordinal);
        Assert.Contains($"REHEARSAL Sending to {Target.Endpoint(sandbox.Server.BaseAddress).Description}", Regex.Replace(signedIn.Output, @"\s+", " "), StringComparison.Ordinal);
        Assert.True(silent.ExitCode == 0, silent.Output + silent.Error);
        Assert.DoesNotContain("enter the code", silent.Output, StringComparison.Ordinal);
        Assert.Equal(1, sandbox.Server.GetIdentityStats()!.DeviceCodesIssued);
        Assert.Equal(30, sandbox.Server.GetLedger().Count);
        foreach (var path in new[] { first, second })
        {
            using var journal = OpenJournal(path);
            Assert.Equal(15, journal.CountByState()[OrderState.Succeeded]);
            Assert.Equal(Target.Endpoint(sandbox.Server.BaseAddress), journal.GetBatch()!.Target);
        }
    }

    [Fact]
    public async Task A_rehearsal_journal_is_refused_for_real_orders_before_anything_is_sent()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        var path = OrderFiles.Write(_folder, "rehearsed.csv", 5, seed: 62);
        var rehearsal = await CliProcess.RunAsync(["submit", path, "--target", "live"], sandbox.Environment(SignIn.ClientSecret));
        var real = sandbox.Environment(SignIn.ClientSecret);
        foreach (var rehearsalOnly in new[] { "Authority", "ApiBaseAddress", "TrustedCertificate" })
        {
            real.Remove("BATCHORDERS__PartnerCenter__" + rehearsalOnly);
        }

        var live = await CliProcess.RunAsync(["submit", path, "--target", "live"], real);

        Assert.Equal(0, rehearsal.ExitCode);
        Assert.Equal(2, live.ExitCode);
        Assert.Contains($"was used with {Target.Endpoint(sandbox.Server.BaseAddress).Description}; this run is for {Target.Live.Description}", Regex.Replace(live.Output, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_exits_4_keeps_the_orders_pending_and_the_resumed_run_places_them_exactly_once()
    {
        // Another tenant's sign-in service behind the same HTTPS certificate: the orders API refuses its tokens.
        using var https = SandboxCertificate.CreateSelfSigned(TimeProvider.System);
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o => o.HttpsCertificate = https);
        await using var foreign = await RehearsalSandbox.StartAsync(_folder, o => o.HttpsCertificate = https, name: "foreign");
        var path = OrderFiles.Write(_folder, "refused.csv", 20, seed: 63);
        var refused = sandbox.Environment(SignIn.ClientSecret);
        refused["BATCHORDERS__PartnerCenter__Authority"] = foreign.Server.BaseAddress.ToString();

        // --allow-repeat: this is about a token refused while sending; the repeat check's own refusal is tested apart.
        var (stopped, output, _) = await CliProcess.RunAsync(["submit", path, "--target", "live", "--allow-repeat", "--no-preflight"], refused);

        Assert.Equal(4, stopped);
        Assert.Contains("Stopped:", output, StringComparison.Ordinal);
        Assert.Empty(sandbox.Server.GetLedger());
        using (var journal = OpenJournal(path))
        {
            Assert.Equal(20, journal.CountByState()[OrderState.Pending]);
        }

        // The resume command names the rehearsal's API address as the target; it signs in as live does.
        var (resumed, resumedOutput, _) = await CliProcess.RunAsync(["submit", path, "--target", sandbox.Server.BaseAddress.ToString()], sandbox.Environment(SignIn.ClientSecret));

        Assert.True(resumed == 0, resumedOutput);
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox.Server, path, expectedOrders: 20);
    }

    [Fact]
    public async Task Planted_secrets_on_the_live_path_appear_in_no_output_journal_results_failed_rows_or_logs()
    {
        const string Secret = "planted-client-secret-5521";
        const string Password = "planted-certificate-password-4411";
        const string WrongSecret = "planted-wrong-secret-9090";
        const string WrongPassword = "planted-wrong-password-8080";
        var logLines = new ConcurrentQueue<(LogLevel, string)>();
        using var logs = LoggerFactory.Create(b => b.AddProvider(new RequestLogTests.CapturingProvider(logLines)));
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o => o.ApproveDeviceCodeAfterPolls = 1, logs: logs, clientSecret: Secret, certificatePassword: Password);
        var withSecret = sandbox.Environment(SignIn.ClientSecret);
        withSecret["BATCHORDERS__PartnerCenter__ClientSecret"] = Secret;
        var withCertificate = sandbox.Environment(SignIn.CertificateFile);
        withCertificate["BATCHORDERS__PartnerCenter__CertificatePassword"] = Password;
        var wrongSecret = new Dictionary<string, string>(withSecret) { ["BATCHORDERS__PartnerCenter__ClientSecret"] = WrongSecret };
        var wrongPassword = new Dictionary<string, string>(withCertificate) { ["BATCHORDERS__PartnerCenter__CertificatePassword"] = WrongPassword };
        string Batch(string name, int seed) => OrderFiles.Write(_folder, name, 6, seed, quantity: i => i == 0 ? "50000" : "1");

        var runs = new[]
        {
            await CliProcess.RunAsync(["submit", Batch("secret.csv", 70), "--target", "live", "--verbose", "--no-preflight"], withSecret),
            await CliProcess.RunAsync(["submit", Batch("certificate.csv", 71), "--target", "live", "--verbose", "--no-preflight"], withCertificate),
            await CliProcess.RunAsync(["submit", Batch("device.csv", 72), "--target", "live", "--device-code", "--verbose", "--no-preflight"], sandbox.Environment(SignIn.DeviceCode)),
            await CliProcess.RunAsync(["submit", Batch("wrong-secret.csv", 73), "--target", "live", "--verbose"], wrongSecret),
            await CliProcess.RunAsync(["submit", Batch("wrong-password.csv", 74), "--target", "live", "--verbose"], wrongPassword),
        };

        Assert.Equal([1, 1, 1, 4, 4], runs.Select(r => r.ExitCode));
        Assert.Contains("AADSTS7000215", runs[3].Output, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", runs[4].Output, StringComparison.Ordinal);
        var everything = new StringBuilder();
        foreach (var (_, output, error) in runs)
        {
            everything.Append(output).Append(error);
        }

        Assert.NotEmpty(Directory.GetFiles(_folder.Path, "*.failed.csv"));
        foreach (var file in Directory.GetFiles(_folder.Path))
        {
            everything.Append(file.EndsWith(".xlsx", StringComparison.Ordinal) ? ProcessRunTests.WorkbookText(file) : Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
        }

        everything.AppendJoin('\n', logLines.Select(l => l.Item2));
        var issued = sandbox.Server.Identity!.Stats.Secrets();
        // Three sign-ins' tokens (one with a refresh and an ID token), an assertion, a device code, and both secrets shown to the sandbox.
        Assert.True(issued.Count >= 8, $"the sandbox saw {issued.Count} secret values: the test tested too little");
        Assert.Contains(Secret, issued);
        Assert.Contains(WrongSecret, issued);
        var secrets = issued.Concat(issued.Select(s => s.Split('.')[^1])).Concat([Secret, Password, WrongSecret, WrongPassword]);
        var text = everything.ToString();
        foreach (var secret in secrets.Distinct())
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret leaked: {secret[..Math.Min(12, secret.Length)]}…");
        }
    }

    private static BatchJournal OpenJournal(string path)
    {
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        return journal!;
    }
}
