using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Submission;

/// <summary>
/// End to end as a user meets it: <c>batchorders sandbox</c> as a process of its own, each operation family on a
/// window of its own, and <c>batchorders submit --target URL</c> against it, the repeat check on.
/// </summary>
public sealed partial class StandaloneThrottlingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reads_throttled_on_their_own_window_hold_back_only_their_customers_orders_and_every_order_is_placed_once()
    {
        using var sandbox = CliProcess.Start(["sandbox", "--port", "0", "--seed", "23", "--rate-limit", "0", "--read-rate-limit", "10", "--latency", "200", "--quiet"]);
        try
        {
            using var http = new HttpClient { BaseAddress = await ListeningAddress(sandbox) };
            var path = OrderFiles.Write(_folder, "standalone.csv", 14, seed: 72);

            // The repeat check's reads alone (the preflight's would fill the same window before any order).
            var (exitCode, output, error) = await CliProcess.RunAsync(["submit", path, "--target", http.BaseAddress.ToString(), "--yes", "--no-preflight"], TimeSpan.FromMinutes(4));
            var stats = (await http.GetFromJsonAsync<SandboxStats>("_sandbox/stats", SandboxHost.Json))!;
            var ledger = (await http.GetFromJsonAsync<List<LedgerOrder>>("_sandbox/ledger", SandboxHost.Json))!;

            Assert.True(exitCode == 0, $"exit {exitCode}: {output}{error}");
            Assert.Equal(Enumerable.Range(0, 14).Select(i => OrderFiles.Customer(72, i)).Order(), ledger.Select(o => o.CustomerId.ToString("D")).Order());
            Assert.Equal(new FamilyStats(14, 0), stats.Families["orderWrites"]);
            Assert.True(stats.Families["reads"].Throttled429 >= 1, $"reads: {stats.Families["reads"]}");

            // Ten reads fit the reads' minute, so ten customers' orders were placed at once; the other four waited for
            // their reads, which waited out the reads' Retry-After, while the orders' window never refused anything.
            var created = ledger.Select(o => o.CreatedAt).Order().ToList();
            Assert.True(created[9] - created[0] < TimeSpan.FromSeconds(20), $"tenth order {created[9] - created[0]} after the first");
            Assert.True(created[10] - created[0] > TimeSpan.FromSeconds(40), $"eleventh order {created[10] - created[0]} after the first");
        }
        finally
        {
            CliProcess.Signal(sandbox, "INT");
            if (!sandbox.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                sandbox.Kill();
            }
        }
    }

    /// <summary>
    /// The address the sandbox prints once it listens. Port 0 lets the system choose a free port as the sandbox binds
    /// it; a port found free beforehand could be taken by another test's server before the sandbox (a process slow to
    /// start on a busy machine) bound it.
    /// </summary>
    private static async Task<Uri> ListeningAddress(Process sandbox) =>
        new((await CliProcess.WaitForPrintedAsync(sandbox, AddressPattern(), "the sandbox exited before it listened")).Match.Value);

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex AddressPattern();
}
