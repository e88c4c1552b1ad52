using System.Diagnostics;
using BatchOrders.PartnerCenter;
using BatchOrders.Runs;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// A rerun of a finished batch (every order succeeded): how long <c>submit</c> takes to find nothing to do — read
/// the file, plan it, open and bind the journal, synchronise, and get no work. Target: under 2 s for 100,000 orders.
/// </summary>
internal sealed class ResumeSuite : IBenchmarkSuite
{
    private const string Resume = "resume-finished";

    public string Name => "resume";

    public IReadOnlyList<BenchmarkCase> Cases(BenchSettings settings)
    {
        var orders = settings.Size(100_000, 10_000);
        var (csv, journal) = settings.Inputs.FinishedJournal(orders, settings.Seed);
        var (warmCsv, warmJournal) = settings.Inputs.FinishedJournal(1_000, settings.Seed);
        return
        [
            new(Resume, $"rerun of a finished {orders:N0}-order batch: read + plan + open + Synchronize + GetWork", Path.GetFileName(journal),
                clock => Rerun(csv, journal, clock), clock => Rerun(warmCsv, warmJournal, clock)),
        ];
    }

    public IReadOnlyList<Comparison> Compare(IReadOnlyDictionary<string, CaseResult> results)
    {
        var seconds = results[Resume].Figures!["rerun s"];
        return [new("rerun of a finished batch: seconds to find nothing to do", seconds, " s", "< 2 s", seconds < 2)];
    }

    private static long Rerun(string csv, string cachedJournal, PhaseClock clock)
    {
        // A copy, so the cached journal stays as built whatever the rerun does to it.
        var folder = Directory.CreateTempSubdirectory("batchorders-bench-resume-");
        try
        {
            var path = Path.Combine(folder.FullName, Path.GetFileName(cachedJournal));
            File.Copy(cachedJournal, path);
            clock.Mark("copy journal");

            var watch = Stopwatch.StartNew();
            var input = BatchInput.Load(csv);
            clock.Mark("read+plan");
            var (run, problem) = BatchRun.Open(input, Target.Sandbox, new BatchRunOptions { JournalPath = path });
            using (run ?? throw new InvalidOperationException(problem?.Message))
            {
                clock.Mark("open+hash+bind");

                // Exactly what submit runs before it writes the results; with nothing to send the client is never called.
                using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") };
                var outcome = run.SendAsync(new PartnerCenterClient(http), progress: null, CancellationToken.None).GetAwaiter().GetResult();
                watch.Stop();
                clock.Mark("sync+work");
                var orders = input.Plan!.Orders.Count;
                if (outcome.Submission.Attempts != 0 || outcome.Sync.AlreadySucceeded != orders)
                {
                    throw new InvalidOperationException($"The rerun found work: {outcome.Submission.Attempts} attempts, {outcome.Sync.AlreadySucceeded} of {orders} already succeeded.");
                }

                clock.Figure("rerun s", watch.Elapsed.TotalSeconds);
                clock.Figure("orders", input.Plan!.Orders.Count);
                return input.Plan!.Orders.Count;
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
