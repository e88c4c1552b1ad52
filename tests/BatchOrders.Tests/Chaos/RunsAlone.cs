namespace BatchOrders.Tests.Chaos;

/// <summary>
/// The chaos harness runs alone, after the parallel tests: it spends two cores' worth of child processes for half a
/// minute, which would slow the other tests that kill a client at wall-clock moments until their kills miss.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
