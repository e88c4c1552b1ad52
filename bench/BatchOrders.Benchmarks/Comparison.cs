namespace BatchOrders.Benchmarks;

/// <summary>A ratio between two measured cases and whether it meets its target.</summary>
internal sealed record Comparison(string Name, double Value, string Unit, string Target, bool Met);
