using BatchOrders.Submission;

namespace BatchOrders.Runs;

/// <summary>Where a run keeps its journal and results, and how it sends. Every path defaults to one beside the input file.</summary>
public sealed record BatchRunOptions
{
    /// <summary>The journal to record and resume from (default <c>&lt;input&gt;.journal.db</c>).</summary>
    public string? JournalPath { get; init; }

    /// <summary>The results workbook (default <c>&lt;input&gt;.results.xlsx</c>).</summary>
    public string? ResultsPath { get; init; }

    /// <summary>Send refused orders again even if their rows did not change (a new request id each).</summary>
    public bool RetryFailed { get; init; }

    /// <summary>How orders are sent.</summary>
    public SubmissionOptions Submission { get; init; } = new();

    /// <summary>
    /// Run the repeat check beside the orders (docs/ARCHITECTURE.md, "Guards"): each customer's recent orders are read
    /// ahead of its orders, an order is sent only when it repeats none of them, and the first repeat stops the batch
    /// from starting more (<see cref="BatchRunStatus.RepeatsFound"/>). Off by default; <see cref="BatchRun.FindRepeatsAsync"/>
    /// checks every order before anything is sent instead.
    /// </summary>
    public bool CheckRepeats { get; init; }

    /// <summary>
    /// The throttle gates to send through, when something before the run (a preflight) already read through them;
    /// the caller keeps and disposes them. Null: the run makes its own.
    /// </summary>
    public ThrottleGates? Gates { get; init; }

    /// <summary>How this run was started, for the run a journal lock refuses ("another run is using this journal: …").</summary>
    public string Command { get; init; } = string.Join(' ', Environment.GetCommandLineArgs());

    /// <summary>The clock of the journal, the retries and the throttle gate.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The source of retry jitter; a seeded one makes a run repeatable in tests and benchmarks.</summary>
    public Random? Random { get; init; }
}
