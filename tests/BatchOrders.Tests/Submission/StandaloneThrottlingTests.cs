using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Submission;

/// <summary>
/// End to end as a user meets it: <c>batchorders sandbox</c> as a process of its own, each operation family on a
/// window of its own, and <c>batchorders submit --target URL</c> against it, the repeat check on.
/// </summary>
public sealed class StandaloneThrottlingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reads_throttled_on_their_own_window_hold_back_only_their_customers_orders_and_every_order_is_placed_once()
    {
        var port = FreePort();
        using var sandbox = CliProcess.Start(["sandbox", "--port", port, "--seed", "23", "--rate-limit", "0", "--read-rate-limit", "10", "--latency", "200", "--quiet"]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilServing(http, sandbox);
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

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilServing(HttpClient http, System.Diagnostics.Process sandbox)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(sandbox.HasExited, "the sandbox exited before it served anything");
            try
            {
                using var response = await http.GetAsync(new Uri("_sandbox/stats", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail("the sandbox did not start listening within 30 s");
    }
}
