namespace BatchOrders.Benchmarks;

/// <summary>
/// What a child process measured for one case. Times are per iteration (the median is the figure);
/// <see cref="PeakRssBytes"/> is the child's peak resident set (VmHWM), <see cref="StartRssBytes"/> its
/// resident set before the first measured iteration (runtime, loaded code and the warm-up's leftovers).
/// Allocation, GC pause time and collections (gen0, gen1, gen2) are those of the first measured iteration.
/// <see cref="Figures"/> are what the case measured beyond time, from the median iteration.
/// </summary>
internal sealed record CaseResult(
    string Suite,
    string Name,
    string Description,
    string Input,
    long Items,
    double MedianMs,
    double MinMs,
    IReadOnlyList<double> IterationMs,
    double ItemsPerSecond,
    long PeakRssBytes,
    long StartRssBytes,
    long AllocatedBytes,
    double GcPauseMs,
    IReadOnlyList<int> Collections,
    IReadOnlyDictionary<string, double> PhaseMs,
    IReadOnlyDictionary<string, double>? Figures = null);
