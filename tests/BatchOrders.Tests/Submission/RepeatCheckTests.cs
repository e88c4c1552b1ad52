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

    [Fact]
    public async Task Beside_the_orders_the_check_never_sends_a_repeat_lists_every_one_and_a_rerun_reuses_the_journals_reads()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 8, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None });
        var first = OrderFiles.Write(_folder, "monday.csv", 6, seed: 70);
        Assert.Equal(0, (await CliRunner.RunAsync(Checked(first, sandbox))).ExitCode);

        // The same six orders again, among six new ones, in another file (another journal).
        var both = OrderFiles.Write(_folder, "monday-and-tuesday.csv", 12, seed: 70);
        var (exitCode, output) = await CliRunner.RunAsync(Checked(both, sandbox));
        var readsAfterFirstCheck = sandbox.GetStats().Families["reads"].Requests;
        var (rerunExitCode, _) = await CliRunner.RunAsync(Checked(both, sandbox));
        var readsAfterRerun = sandbox.GetStats().Families["reads"].Requests;
        var (freshExitCode, _) = await CliRunner.RunAsync([.. Checked(both, sandbox), "--reuse-reads", "0"]);
        var readsAfterFreshRun = sandbox.GetStats().Families["reads"].Requests;

        Assert.Equal(2, exitCode);
        Assert.Contains("6 planned orders repeat orders the customers already have from the last 7 days", Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal((2, 2), (rerunExitCode, freshExitCode));
        foreach (var index in Enumerable.Range(0, 6))
        {
            Assert.Single(sandbox.GetLedger(Guid.Parse(OrderFiles.Customer(70, index))));
        }

        // Every customer of the second file was read once by the first check; the rerun read none of them again, the
        // run told to reuse nothing read the ones with orders still to send.
        Assert.Equal(6 + 12, readsAfterFirstCheck);
        Assert.Equal(readsAfterFirstCheck, readsAfterRerun);
        Assert.InRange(readsAfterFreshRun - readsAfterRerun, 6, 12);

        var (allowed, _) = await CliRunner.RunAsync([.. Checked(both, sandbox), "--allow-repeat"]);
        Assert.Equal(0, allowed);
        Assert.Equal(6 + 12, sandbox.GetLedger().Count);
    }

    [Fact]
    public async Task The_check_reads_each_customer_once_per_run_however_many_orders_it_has()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 9, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None });
        var path = _folder.WriteText("groups.csv", OrderFiles.Header + ",OrderGroup\n" + string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"{OrderFiles.Customer(71, i % 2)},{Rows.E3},{i + 1},Monthly,Seats {i},{i}\n")));

        var (exitCode, output) = await CliRunner.RunAsync([.. Checked(path, sandbox), "--allow-duplicates"]);

        Assert.True(exitCode == 0, output);
        Assert.Equal(8, sandbox.GetLedger().Count);
        Assert.Equal(new FamilyStats(2, 0), sandbox.GetStats().Families["reads"]);
    }

    private static string[] Submit(string path, SandboxServer sandbox) => ["submit", path, "--target", sandbox.BaseAddress.ToString()];

    // The repeat check's reads alone: the preflight's reads are counted in the same family.
    private static string[] Checked(string path, SandboxServer sandbox) => [.. Submit(path, sandbox), "--no-preflight"];
}
