using System.Text.RegularExpressions;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Submission;

/// <summary>The same rows submitted again under another journal (a colleague's copy) are caught before anything is sent.</summary>
public sealed class RepeatCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_same_rows_under_another_file_name_are_refused_as_repeats_with_exit_2_and_nothing_is_sent()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 5, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None });
        var path = OrderFiles.WriteNewCommerce(_folder, "orders.csv", 12, seed: 61);
        Assert.Equal(0, (await CliRunner.RunAsync(Submit(path, sandbox))).ExitCode);
        var copy = _folder.File("orders (1).csv");
        File.Copy(path, copy);

        var (exitCode, output) = await CliRunner.RunAsync(Submit(copy, sandbox));

        var flat = Regex.Replace(output, @"\s+", " ");
        Assert.Equal(2, exitCode);
        Assert.Contains("12 planned orders repeat orders the customers already have from the last 7 days", flat, StringComparison.Ordinal);
        Assert.Contains("add --allow-repeat", flat, StringComparison.Ordinal);
        Assert.Contains(sandbox.GetLedger()[0].OrderId, output, StringComparison.Ordinal);
        Assert.Equal(12, sandbox.GetLedger().Count);
    }

    [Fact]
    public async Task With_allow_repeat_the_same_rows_are_ordered_again_on_purpose()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 6, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None });
        var path = OrderFiles.Write(_folder, "orders.csv", 5, seed: 62);
        await CliRunner.RunAsync(Submit(path, sandbox));
        var copy = _folder.File("again.csv");
        File.Copy(path, copy);

        var (exitCode, _) = await CliRunner.RunAsync([.. Submit(copy, sandbox), "--allow-repeat"]);

        Assert.Equal(0, exitCode);
        Assert.Equal(10, sandbox.GetLedger().Count);
    }

    [Fact]
    public async Task What_if_with_a_target_runs_the_check_and_the_embedded_sandbox_only_when_asked()
    {
        var path = OrderFiles.Write(_folder, "orders.csv", 4, seed: 63);
        Assert.Equal(0, (await CliRunner.RunAsync("submit", path)).ExitCode);
        var copy = _folder.File("copy.csv");
        File.Copy(path, copy);
        File.Copy(path + ".journal.sandbox.db", copy + ".journal.sandbox.db");

        var (unchecked_, _) = await CliRunner.RunAsync("submit", copy, "--what-if", "--target", "sandbox");
        var (checkedWhatIf, output) = await CliRunner.RunAsync("submit", copy, "--what-if", "--target", "sandbox", "--check-repeats");

        Assert.Equal(0, unchecked_);
        Assert.Equal(2, checkedWhatIf);
        Assert.Contains("Repeats of orders already placed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_refused_while_checking_for_repeats_exits_4_and_sends_nothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 7, RequiredToken = "right-token", RequestLogLevel = LogLevel.None });
        var path = OrderFiles.Write(_folder, "orders.csv", 3, seed: 64);

        var (exitCode, output, _) = await CliProcess.RunAsync([.. Submit(path, sandbox), "--no-preflight"], new Dictionary<string, string> { ["BATCHORDERS__PartnerCenter__AccessToken"] = "wrong-token" });

        Assert.Equal(4, exitCode);
        Assert.Contains("to catch repeats, and that failed", Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        Assert.Empty(sandbox.GetLedger());
    }

    private static string[] Submit(string path, SandboxServer sandbox) => ["submit", path, "--target", sandbox.BaseAddress.ToString()];
}
