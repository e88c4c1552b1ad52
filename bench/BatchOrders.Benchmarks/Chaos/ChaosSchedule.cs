namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// The seeded plan of a chaos run: the client runs in order (progress kills at shares drawn uniformly within each
/// quarter of the batch, the same number per quarter, in rising order; start-up kills slipped in between; workbook
/// kills once the batch is done, the first on the batch's first workbook and each later one on a rerun that replaces
/// the workbook a finished run wrote) and the shares at which the sandbox is restarted.
/// </summary>
internal sealed record ChaosSchedule(IReadOnlyList<RunPlan> Runs, IReadOnlyList<double> RestartShares)
{
    /// <summary>
    /// How much of each quarter a progress kill may aim at: the last 2% of the batch, or its last 12 orders if that is
    /// more, are left out. A kill lands a few orders late — the sandbox still commits what the client had in flight
    /// (8 requests) — and must still land in its quarter; in the last quarter this also keeps it from racing the end.
    /// </summary>
    public static double QuarterSpan(int orders) => 0.25 - Math.Max(0.02, 12.0 / Math.Max(1, orders));

    public static ChaosSchedule Create(ChaosSettings settings, Random random)
    {
        var span = QuarterSpan(settings.Orders);
        var shares = Enumerable.Range(0, settings.ProgressKills)
            .Select(i => (i % 4 / 4.0) + (random.NextDouble() * span))
            .Order()
            .ToList();
        var runs = shares.Select(share => new RunPlan(KillKind.Progress, Share: share)).ToList();
        for (var i = 0; i < settings.StartUpKills; i++)
        {
            var life = settings.MinLife + ((settings.MaxLife - settings.MinLife) * random.NextDouble());
            runs.Insert(random.Next(runs.Count + 1), new RunPlan(KillKind.StartUp, Life: life));
        }

        for (var i = 0; i < settings.WorkbookKills; i++)
        {
            runs.AddRange(i == 0 ? [new RunPlan(KillKind.Workbook)] : [RunPlan.ToTheEnd, new RunPlan(KillKind.Workbook)]);
        }

        // Mid-batch, never in the first or last tenth, where a restart would meet no client or no work; one restart
        // per equal slice of the rest, so two restarts never fall together.
        var slice = 0.8 / Math.Max(1, settings.SandboxRestarts);
        var restarts = Enumerable.Range(0, settings.SandboxRestarts).Select(i => 0.1 + (slice * (i + random.NextDouble()))).ToList();
        return new ChaosSchedule(runs, restarts);
    }
}
