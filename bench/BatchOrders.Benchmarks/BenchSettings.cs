namespace BatchOrders.Benchmarks;

/// <summary>How one run of the harness measures: quick (small inputs, one iteration) or full (the real sizes).</summary>
internal sealed record BenchSettings(bool Quick, int Seed, string DataFolder)
{
    /// <summary>Measured iterations per case after the warm-up; the median is reported.</summary>
    public int Iterations => Quick ? 1 : 3;

    public InputGenerator Inputs { get; } = new(DataFolder);

    /// <summary>The real size in full mode, the quick one otherwise.</summary>
    public int Size(int full, int quick) => Quick ? quick : full;
}
