namespace BatchOrders.Fuzzing;

/// <summary>A campaign: its seed, how many inputs or how long, how many workers, the budgets, and where findings go.</summary>
internal sealed record FuzzSettings
{
    public const long DefaultSeed = 20_251_207;

    public long Seed { get; init; } = DefaultSeed;

    /// <summary>How many inputs; with <see cref="Duration"/> too, whichever ends first.</summary>
    public int Inputs { get; init; } = int.MaxValue;

    public TimeSpan? Duration { get; init; }

    /// <summary>The first input's index (a campaign can go on where another stopped).</summary>
    public int FirstIndex { get; init; }

    /// <summary>Worker processes reading at once.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>
    /// The most processor time one input may take to be read, checked and planned (read twice and through the CLI:
    /// each), all the worker's threads together.
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most memory a worker may hold while it reads one input (its peak resident set).</summary>
    public long MemoryBudgetBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>One input in this many is read twice and the readings compared.</summary>
    public int ReadTwiceEvery { get; init; } = 4;

    /// <summary>One input in this many also goes through the CLI's <c>submit --what-if --json</c>.</summary>
    public int CliEvery { get; init; } = 10;

    /// <summary>Folders whose files are seeds too, after the repository's (<c>--seeds</c>).</summary>
    public IReadOnlyList<string> SeedFolders { get; init; } = [];

    /// <summary>Files to check as they are (the reproducers), instead of generated inputs.</summary>
    public IReadOnlyList<string>? Files { get; init; }

    public required string RepositoryRoot { get; init; }

    /// <summary>Where failing inputs are saved, each with a .json of how it failed and how to make it again.</summary>
    public required string FindingsFolder { get; init; }

    /// <summary>Where the workers write their inputs.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>The CI campaign: a few thousand inputs, two workers, the default seed.</summary>
    public static FuzzSettings Ci(string repositoryRoot, string folder) => new()
    {
        Inputs = 2_000,
        Workers = 2,
        RepositoryRoot = repositoryRoot,
        FindingsFolder = Path.Combine(folder, "findings"),
        WorkFolder = Path.Combine(folder, "work"),
    };
}
