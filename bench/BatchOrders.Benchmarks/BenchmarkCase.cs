namespace BatchOrders.Benchmarks;

/// <summary>
/// One thing measured, run in a child process of its own. <see cref="Run"/> does the work once and returns how many
/// items (rows, records) it handled; <see cref="WarmUp"/> runs the same code on a small input first so the measured
/// iterations see jitted, tiered-up code. <see cref="Iterations"/> overrides the run's count for cases that take
/// minutes of wall time by design (submission against a rate limit). <see cref="ChildEnvironment"/>: variables set for
/// its child process (a GC setting a memory figure depends on).
/// </summary>
internal sealed record BenchmarkCase(
    string Name, string Description, string Input, Func<PhaseClock, long> Run, Func<PhaseClock, long> WarmUp, int? Iterations = null,
    IReadOnlyDictionary<string, string>? ChildEnvironment = null);
