using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using BatchOrders.Journal;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Submission;

/// <summary>
/// The CLI as a child process against a standalone sandbox that outlives it (state in SQLite): killed, interrupted,
/// refused — and every time the sandbox's ledger must hold each planned order exactly once.
/// </summary>
public sealed class ProcessRunTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Killed_at_random_moments_and_rerun_until_done_no_order_is_duplicated_or_missing()
    {
        await using var sandbox = await StartSandbox(latency: TimeSpan.FromMilliseconds(40), answerLost: 0.05);
        var path = OrderFiles.Write(_folder, "crash.csv", 150, seed: 3);
        var random = new Random(20261125);

        var kills = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var run = CliProcess.Start(Submit(path, sandbox));
            var exited = run.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(random.Next(800, 2500))) == exited)
            {
                break;
            }

            CliProcess.Signal(run, "KILL");
            await exited;
            kills++;
        }

        await RerunUntilFinished(path, sandbox);
        Assert.True(kills > 0, "the client was never killed: the test did not test anything");
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox, path, expectedOrders: 150);
    }

    [Fact]
    public async Task Killed_between_creating_carts_and_checking_them_out_and_rerun_no_cart_is_bought_twice()
    {
        await using var sandbox = await StartSandbox(latency: TimeSpan.FromMilliseconds(150), answerLost: 0.05);
        var path = OrderFiles.WriteNewCommerce(_folder, "carts.csv", 100, seed: 8);

        // Each kill waits for a moment when the sandbox has created carts that are not checked out yet.
        var killsBetweenSteps = 0;
        for (var kill = 1; kill <= 3; kill++)
        {
            using var run = CliProcess.Start(Submit(path, sandbox));
            var exited = run.WaitForExitAsync();
            var created = sandbox.GetStats().CartsCreated;
            if (await Task.WhenAny(exited, BetweenCartAndCheckout(sandbox, created + 5 * kill)) == exited)
            {
                break;
            }

            CliProcess.Signal(run, "KILL");
            await exited;
            using var journal = OpenJournal(path);
            killsBetweenSteps += journal.GetOrders(OrderState.Sending).Any(o => o.CartId is not null) ? 1 : 0;
        }

        await RerunUntilFinished(path, sandbox);
        Assert.True(killsBetweenSteps > 0, "no kill left a cart created and not checked out: the test did not test anything");
        CartPathTests.AssertCartsBoughtExactlyOnce(sandbox, path, expectedOrders: 100);
    }

    /// <summary>Runs the same command again, as an operator would after a crash, until it exits 0 (at most five times).</summary>
    private static async Task RerunUntilFinished(string path, SandboxServer sandbox)
    {
        var finished = false;
        for (var rerun = 0; rerun < 5 && !finished; rerun++)
        {
            var (exitCode, output, error) = await CliProcess.RunAsync(Submit(path, sandbox));
            Assert.True(exitCode is 0 or 3, output + error);
            finished = exitCode == 0;
        }

        Assert.True(finished, "the batch never finished");
    }

    /// <summary>Completes when the sandbox has created at least <paramref name="created"/> carts and some of them wait for their checkout.</summary>
    private static async Task BetweenCartAndCheckout(SandboxServer sandbox, long created)
    {
        var clock = Stopwatch.StartNew();
        while (sandbox.GetStats() is var stats && (stats.CartsCreated < created || stats.CartsCreated <= stats.CartsCheckedOut))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the client never got between creating a cart and checking it out");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Ctrl_c_stops_taking_orders_commits_the_in_flight_ones_says_how_to_resume_and_exits_3()
    {
        await using var sandbox = await StartSandbox(latency: TimeSpan.FromMilliseconds(60), answerLost: 0);
        var path = OrderFiles.Write(_folder, "interrupt.csv", 120, seed: 4);

        using var run = CliProcess.Start([.. Submit(path, sandbox), "--concurrency", "2"]);
        var output = run.StandardOutput.ReadToEndAsync();
        await WaitForLedger(sandbox, atLeast: 5);
        CliProcess.Signal(run, "INT");
        await run.WaitForExitAsync();

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Resume with the same command", await output, StringComparison.Ordinal);
        using (var journal = OpenJournal(path))
        {
            var states = journal.CountByState();
            Assert.True(states[OrderState.Succeeded] > 0 && states[OrderState.Pending] > 0, string.Join(", ", states));
            Assert.Equal(0, states[OrderState.Sending]);
        }

        var (exitCode, resumed, _) = await CliProcess.RunAsync(Submit(path, sandbox));

        Assert.Equal(0, exitCode);
        Assert.Contains("had already succeeded in an earlier run", resumed, StringComparison.Ordinal);
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox, path, expectedOrders: 120);
    }

    [Theory]
    [InlineData("wrong-token", 401)]
    [InlineData("forbidden-token", 403)]
    public async Task A_refused_token_stops_the_batch_with_exit_4_leaving_orders_pending(string token, int status)
    {
        await using var sandbox = await StartSandbox(latency: TimeSpan.Zero, answerLost: 0, requiredToken: "right-token");
        var path = OrderFiles.Write(_folder, $"auth-{status}.csv", 20, seed: 5);

        // --allow-repeat, --no-preflight: this is about a token refused while sending; the repeat check's and the
        // preflight's own refusals are tested apart.
        var (exitCode, output, _) = await CliProcess.RunAsync([.. Submit(path, sandbox), "--allow-repeat", "--no-preflight"], Token(token));

        Assert.Equal(4, exitCode);
        Assert.Contains("Stopped:", output, StringComparison.Ordinal);
        Assert.Empty(sandbox.GetLedger());
        using (var journal = OpenJournal(path))
        {
            Assert.Equal(20, journal.CountByState()[OrderState.Pending]);
            Assert.Contains(journal.GetAttempts(), a => a.HttpStatus == status);
        }

        var (resumed, _, _) = await CliProcess.RunAsync(Submit(path, sandbox), Token("right-token"));

        Assert.Equal(0, resumed);
        SubmissionExactlyOnceTests.AssertLedgerMatchesJournal(sandbox, path, expectedOrders: 20);
    }

    [Fact]
    public async Task Planted_secrets_appear_in_no_output_journal_or_results()
    {
        const string Token = "planted-access-token-7731";
        const string Secret = "planted-client-secret-5520";
        const string Password = "planted-certificate-password-4410";
        await using var sandbox = await StartSandbox(latency: TimeSpan.Zero, answerLost: 0, requiredToken: Token);
        var path = OrderFiles.Write(_folder, "secrets.csv", 10, seed: 6, quantity: i => i == 0 ? "50000" : "1");
        var environment = new Dictionary<string, string>
        {
            ["BATCHORDERS__PartnerCenter__AccessToken"] = Token,
            ["BATCHORDERS__PartnerCenter__ClientSecret"] = Secret,
            ["BATCHORDERS__PartnerCenter__CertificatePassword"] = Password,
            ["BATCHORDERS__PartnerCenter__TenantId"] = "contoso.onmicrosoft.com",
            ["BATCHORDERS__PartnerCenter__ClientId"] = "11111111-2222-3333-4444-555555555555",
        };

        var sandboxRun = await CliProcess.RunAsync([.. Submit(path, sandbox), "--verbose", "--no-preflight"], environment);
        var liveRun = await CliProcess.RunAsync(["submit", path, "--target", "live", "--journal", _folder.File("live.journal.db"), "--verbose", "--no-preflight"], environment);

        Assert.Equal(1, sandboxRun.ExitCode);
        Assert.Equal(4, liveRun.ExitCode);
        var everything = new StringBuilder()
            .Append(sandboxRun.Output).Append(sandboxRun.Error).Append(liveRun.Output).Append(liveRun.Error);
        foreach (var file in Directory.GetFiles(_folder.Path))
        {
            everything.Append(file.EndsWith(".xlsx", StringComparison.Ordinal) ? WorkbookText(file) : Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)));
        }

        foreach (var secret in new[] { Token, Secret, Password })
        {
            Assert.DoesNotContain(secret, everything.ToString(), StringComparison.Ordinal);
        }
    }

    private static async Task<SandboxServer> StartSandbox(TimeSpan latency, double answerLost, string? requiredToken = null)
    {
        var state = Path.Combine(Path.GetTempPath(), "batchorders-tests", $"sandbox-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        return await SandboxServer.StartAsync(new SandboxOptions
        {
            StatePath = state,
            Seed = 99,
            RequestsPerMinute = 0,
            LatencyMean = latency,
            AnswerLostRate = answerLost,
            RequiredToken = requiredToken,
            ForbiddenTokens = { "forbidden-token" },
            RequestLogLevel = LogLevel.None,
        });
    }

    private static string[] Submit(string path, SandboxServer sandbox) =>
        ["submit", path, "--target", sandbox.BaseAddress.ToString(), "--attempt-timeout", "3", "--concurrency", "4"];

    private static Dictionary<string, string> Token(string token) => new() { ["BATCHORDERS__PartnerCenter__AccessToken"] = token };

    private static BatchJournal OpenJournal(string path)
    {
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        return journal!;
    }

    private static async Task WaitForLedger(SandboxServer sandbox, int atLeast)
    {
        var clock = Stopwatch.StartNew();
        while (sandbox.GetLedger().Count < atLeast)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the client never started ordering");
            await Task.Delay(20);
        }
    }

    internal static string WorkbookText(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
