using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchOrders.Journal;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Chaos;

/// <summary>
/// The short, CI-sized version of the chaos harness (<c>./run.sh chaos</c>): a standalone sandbox as a child process
/// (SQLite state, faults on), the CLI SIGKILLed at seeded random moments and rerun until it exits 0, then the ledger
/// against the journal: each planned order exactly once, and both agree on it.
/// </summary>
public sealed partial class ChaosHarnessTests : IDisposable
{
    private const int Seed = 20251125;
    private const int Orders = 150;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_standalone_faulty_sandbox_and_a_client_killed_three_times_still_give_each_order_exactly_once()
    {
        var path = OrderFiles.Write(_folder, "chaos.csv", Orders, seed: 8);
        var journalPath = _folder.File("chaos.journal.db");
        using var sandbox = CliProcess.Start(
        [
            "sandbox", "--port", "0", "--state", _folder.File("sandbox.db"), "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--quiet",
            "--latency", "40", "--latency-jitter", "30", "--fail-500", "0.03", "--fail-503", "0.03", "--hang", "0.01", "--drop", "0.02",
            "--answer-lost", "0.03", "--storm", "0.002", "--storm-seconds", "1", "--rate-limit", "0",
        ]);
        try
        {
            var address = await ReadAddress(sandbox);
            string[] submit = ["submit", path, "--target", address, "--journal", journalPath, "--attempt-timeout", "2", "--concurrency", "8", "--quiet"];
            var token = new Dictionary<string, string> { ["BATCHORDERS__PartnerCenter__AccessToken"] = "chaos-token" };
            var random = new Random(Seed);

            var kills = 0;
            var finished = false;
            while (kills < 3 && !finished)
            {
                using var run = CliProcess.Start(submit, token);
                var exited = run.WaitForExitAsync();
                if (await Task.WhenAny(exited, Task.Delay(random.Next(600, 2000))) != exited)
                {
                    run.Kill();
                    await exited;
                    kills++;
                    continue;
                }

                Assert.True(run.ExitCode is 0 or 3, $"exit code {run.ExitCode}");
                finished = run.ExitCode == 0;
            }

            for (var rerun = 0; rerun < 8 && !finished; rerun++)
            {
                var (exitCode, output, error) = await CliProcess.RunAsync(submit, token);
                Assert.True(exitCode is 0 or 3, output + error);
                finished = exitCode == 0;
            }

            Assert.True(finished, "the batch never finished");
            Assert.Equal(3, kills);

            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var ledger = await http.GetFromJsonAsync<List<LedgerOrder>>("_sandbox/ledger", new JsonSerializerOptions(JsonSerializerDefaults.Web));
            var (journal, problem) = BatchJournal.Open(journalPath);
            Assert.Null(problem);
            using (journal)
            {
                var created = ledger!.Where(o => o.Kind == LedgerOrder.CreateKind).ToList();
                Assert.Empty(created.GroupBy(o => o.CustomerId).Where(g => g.Count() > 1).Select(g => g.Key));
                Assert.Equal(Orders, created.Count);
                var journaled = journal!.GetOrders(OrderState.Succeeded).ToDictionary(o => Guid.Parse(o.CustomerId));
                Assert.Equal(Orders, journaled.Count);
                foreach (var entry in created)
                {
                    var order = journaled[entry.CustomerId];
                    Assert.Equal((entry.OrderId, entry.RequestId, entry.CorrelationId), (order.PartnerOrderId, (Guid?)order.RequestId, (Guid?)order.CorrelationId));
                    Assert.Equal(entry.LineItems[0].SubscriptionId.ToString(), order.LineItems[0].SubscriptionId);
                }
            }
        }
        finally
        {
            sandbox.Kill();
            await sandbox.WaitForExitAsync();
        }
    }

    private static async Task<string> ReadAddress(Process sandbox)
    {
        var clock = Stopwatch.StartNew();
        while (await sandbox.StandardOutput.ReadLineAsync() is { } line)
        {
            if (Address().Match(line) is { Success: true } match)
            {
                // Keep draining its output so the sandbox never blocks on a full pipe.
                _ = sandbox.StandardOutput.ReadToEndAsync();
                _ = sandbox.StandardError.ReadToEndAsync();
                return match.Value;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the sandbox never said where it listens");
        }

        throw new InvalidOperationException("The sandbox exited before it listened: " + await sandbox.StandardError.ReadToEndAsync());
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Address();
}
