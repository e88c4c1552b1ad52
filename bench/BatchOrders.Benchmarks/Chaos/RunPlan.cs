namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// How one client run is to end: killed for <see cref="Kill"/> (after <see cref="Life"/> for a start-up kill, at
/// <see cref="Share"/> of the batch for a progress kill), or left to exit when <see cref="Kill"/> is null. A progress
/// run may instead be killed in a 429 storm when <see cref="StormKillAllowed"/>.
/// </summary>
internal sealed record RunPlan(KillKind? Kill, TimeSpan Life = default, double Share = 0, bool StormKillAllowed = false)
{
    public static RunPlan ToTheEnd { get; } = new(Kill: null);
}
