namespace BatchOrders.Fuzzing;

/// <summary>How reading one input ended: the first three are what a file may do; the rest are failures.</summary>
internal enum FuzzOutcomeKind
{
    /// <summary>Read, checked and planned: every row valid.</summary>
    Valid,

    /// <summary>Read, with row errors, each with its place.</summary>
    RowErrors,

    /// <summary>Refused as a whole with one clear problem (damaged, wrong type, over a budget…).</summary>
    FileProblem,

    /// <summary>An exception escaped the reader (or the check, or the CLI's what-if).</summary>
    Escaped,

    /// <summary>The input took more processor time than the time budget, or never finished (the worker was killed).</summary>
    TimeBudget,

    /// <summary>The input took more memory than the memory budget.</summary>
    MemoryBudget,

    /// <summary>The worker process died on the input (a stack overflow, a fatal error).</summary>
    Crashed,

    /// <summary>Reading the same input twice gave two different results.</summary>
    NonDeterministic,

    /// <summary>The CLI's what-if on the input ended otherwise than exit 0 or 2 with one JSON object, or used its last resort.</summary>
    CliFailure,
}
