using System.Globalization;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// One chaos run: the batch (size, plain or mixed input), the kills of each kind, the sandbox restarts, the faults,
/// and the bound on the whole run. Full, quick and CI sizes; every random choice comes from <see cref="Seed"/>.
/// </summary>
/// <param name="Size">"full", "quick" or "ci": how the run is named in its replay command.</param>
/// <param name="Seed">Decides the input, the sandbox's faults, the kill shares, lives and delays, and the restart shares.</param>
/// <param name="Orders">About how many orders the batch plans (the mixed input's add-ons and split paths round it).</param>
/// <param name="Mixed">The mixed input (cart, order and add-on rows; the default) instead of one legacy order per customer.</param>
/// <param name="ExpectCarts">The client buys new-commerce rows through carts, so the ledger must show them with a cart id.</param>
/// <param name="ProgressKills">Kills at shares of the batch drawn uniformly, the same number in each quarter.</param>
/// <param name="StartUpKills">Kills after a short wall-clock life (<see cref="MinLife"/>–<see cref="MaxLife"/>), mostly before anything is sent.</param>
/// <param name="StormKills">Kills while the client waits out a 429 storm.</param>
/// <param name="WorkbookKills">Kills while the client writes its results workbook.</param>
/// <param name="MigrationKills">Trials on a copy of a version-2 journal, each killed within milliseconds of opening it.</param>
/// <param name="SandboxRestarts">Times the sandbox is SIGKILLed mid-batch and restarted on its state file.</param>
/// <param name="MinLife">Shortest life of a start-up kill.</param>
/// <param name="MaxLife">Longest life of a start-up kill.</param>
/// <param name="StormRate">Chance per request that a 429 storm starts in the sandbox.</param>
/// <param name="StormSeconds">How long a storm lasts.</param>
/// <param name="MaxFinishingRuns">Reruns without a kill allowed after the planned kills, to finish the batch.</param>
/// <param name="Deadline">The bound on the whole run.</param>
/// <param name="CliPath">The built <c>BatchOrders.Cli.dll</c> to run.</param>
/// <param name="Folder">Where the run's files go; null for a new temporary folder, deleted when the run passes.</param>
internal sealed record ChaosSettings(
    string Size,
    int Seed,
    int Orders,
    bool Mixed,
    bool ExpectCarts,
    int ProgressKills,
    int StartUpKills,
    int StormKills,
    int WorkbookKills,
    int MigrationKills,
    int SandboxRestarts,
    TimeSpan MinLife,
    TimeSpan MaxLife,
    double StormRate,
    int StormSeconds,
    int MaxFinishingRuns,
    TimeSpan Deadline,
    string? CliPath,
    string? Folder = null)
{
    public static ChaosSettings Full(int seed, string? cli) =>
        new("full", seed, 5_000, Mixed: true, ExpectCarts: true, ProgressKills: 16, StartUpKills: 6, StormKills: 2, WorkbookKills: 2, MigrationKills: 4,
            SandboxRestarts: 2, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(4_000), StormRate: 0.002, StormSeconds: 2, 30,
            TimeSpan.FromMinutes(15), cli);

    public static ChaosSettings Quick(int seed, string? cli) =>
        new("quick", seed, 300, Mixed: true, ExpectCarts: true, ProgressKills: 8, StartUpKills: 2, StormKills: 1, WorkbookKills: 2, MigrationKills: 2,
            SandboxRestarts: 2, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(2_500), StormRate: 0.01, StormSeconds: 1, 15,
            TimeSpan.FromMinutes(10), cli);

    /// <summary>
    /// The xunit test's size, on the mixed input: one kill per quarter, one restart, one workbook kill, one migration
    /// trial. Its bound catches a hang, not a slow machine: on 2 cores at load average 25 a client run took up to 30 s
    /// to start, preflight and reach its kill, and the run's ~8 client runs and migration trial need several minutes.
    /// </summary>
    public static ChaosSettings Ci(int seed, string cli, string folder) =>
        new("ci", seed, 120, Mixed: true, ExpectCarts: true, ProgressKills: 4, StartUpKills: 0, StormKills: 0, WorkbookKills: 1, MigrationKills: 1,
            SandboxRestarts: 1, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(2_000), StormRate: 0.002, StormSeconds: 1, 8,
            TimeSpan.FromMinutes(8), cli, folder);

    /// <summary>Every kill planned on the batch itself (migration trials run on journals of their own).</summary>
    public int BatchKills => ProgressKills + StartUpKills + StormKills + WorkbookKills;

    /// <summary>The sandbox's faults: 5xx, hangs, dropped connections, answers lost after the commit, 429 storms.</summary>
    public IReadOnlyList<string> SandboxFaults =>
    [
        "--latency", "40", "--latency-jitter", "30",
        "--fail-500", "0.03", "--fail-503", "0.03", "--hang", "0.01", "--drop", "0.02", "--answer-lost", "0.03",
        "--storm", StormRate.ToString(CultureInfo.InvariantCulture), "--storm-seconds", StormSeconds.ToString(CultureInfo.InvariantCulture), "--rate-limit", "0",
    ];

    /// <summary>
    /// The client's options on every run (the same command, as a user would rerun it). <c>--allow-repeat</c> skips the
    /// read-back of every customer with an unsent order before each run (the guard against the same file sent under
    /// another journal, which has tests of its own): under these faults it reads ~18 customers a second, so each
    /// rerun of the full batch would spend minutes on it before sending anything. The preflight runs, as it does by
    /// default: it resolves the stale and <c>PRODUCT:SKU</c> ids the harness's rotations leave in the sheet, and a
    /// rerun reads only the customers of rows no earlier run bought.
    /// </summary>
    public static IReadOnlyList<string> ClientOptions { get; } = ["--attempt-timeout", "2", "--concurrency", "8", "--allow-repeat", "--quiet"];

    /// <summary>The command that replays this run.</summary>
    public string ReplayCommand
    {
        get
        {
            if (Size == "ci")
            {
                return "dotnet test BatchOrders.sln --filter FullyQualifiedName~ChaosHarnessTests";
            }

            var preset = Size == "quick" ? Quick(Seed, CliPath) : Full(Seed, CliPath);
            return string.Concat(
                "./run.sh chaos",
                Size == "quick" ? " --quick" : string.Empty,
                Mixed ? string.Empty : " --plain",
                Orders == preset.Orders ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" --orders {Orders}"),
                ProgressKills == preset.ProgressKills ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" --kills {ProgressKills}"),
                SandboxRestarts == preset.SandboxRestarts ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" --restarts {SandboxRestarts}"),
                string.Create(CultureInfo.InvariantCulture, $" --seed {Seed}"));
        }
    }
}
