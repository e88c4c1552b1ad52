namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// One chaos run: how many orders, how many SIGKILLs, how long a client lives before it is killed, and the bound on
/// the whole run. Quick (CI) and full sizes; every random choice comes from <see cref="Seed"/>.
/// </summary>
internal sealed record ChaosSettings(int Seed, int Orders, int Kills, TimeSpan MinLife, TimeSpan MaxLife, int MaxFinishingRuns, TimeSpan Deadline, string? CliPath)
{
    public static ChaosSettings Full(int seed, string? cli) =>
        new(seed, 5_000, 24, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(4_000), 30, TimeSpan.FromMinutes(15), cli);

    public static ChaosSettings Quick(int seed, string? cli) =>
        new(seed, 300, 4, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(2_500), 15, TimeSpan.FromMinutes(3), cli);

    /// <summary>The sandbox's faults: 5xx, hangs, dropped connections, answers lost after the commit, 429 storms.</summary>
    public static IReadOnlyList<string> SandboxFaults { get; } =
    [
        "--latency", "40", "--latency-jitter", "30",
        "--fail-500", "0.03", "--fail-503", "0.03", "--hang", "0.01", "--drop", "0.02", "--answer-lost", "0.03",
        "--storm", "0.002", "--storm-seconds", "2", "--rate-limit", "0",
    ];

    /// <summary>The client's options on every run (the same command, as a user would rerun it).</summary>
    public static IReadOnlyList<string> ClientOptions { get; } = ["--attempt-timeout", "2", "--concurrency", "8", "--quiet"];
}
