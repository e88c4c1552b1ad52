namespace BatchOrders.Benchmarks;

/// <summary>A group of cases measured side by side, and the ratios between them that have targets.</summary>
internal interface IBenchmarkSuite
{
    string Name { get; }

    /// <summary>The cases, with their inputs generated (or found in the cache).</summary>
    IReadOnlyList<BenchmarkCase> Cases(BenchSettings settings);

    /// <summary>The ratios between the measured cases, each against its target.</summary>
    IReadOnlyList<Comparison> Compare(IReadOnlyDictionary<string, CaseResult> results);
}
