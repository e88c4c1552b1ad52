namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// The figures of one chaos run: every kill with the share of the batch created at that moment, the sandbox
/// restarts, the exactly-once verdict (duplicates, missing, journal/ledger disagreements, other problems) and the
/// shortfalls of the plan itself (kills not spread over the batch, fewer restarts or kills of a kind than planned).
/// </summary>
internal sealed class ChaosReport(ChaosSettings settings)
{
    public ChaosSettings Settings { get; } = settings;

    /// <summary>Kills of the batch's client, in order.</summary>
    public List<KillRecord> Kills { get; } = [];

    /// <summary>Kills of the migration trials (each on a journal of its own).</summary>
    public List<KillRecord> MigrationKills { get; } = [];

    /// <summary>Every broken promise: duplicates, missing orders, disagreements, broken workbooks, failed runs.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Where the run fell short of its own plan.</summary>
    public List<string> Shortfalls { get; } = [];

    public int Restarts { get; set; }

    /// <summary>How many times the sandbox reissued its availability ids (the generation it ended on).</summary>
    public int Rotations { get; set; }

    public int ClientRuns { get; set; }

    public int PlannedOrders { get; set; }

    public int LedgerEntries { get; set; }

    public TimeSpan WallTime { get; set; }

    public int Duplicates => Count("DUPLICATE");

    public int Missing => Count("MISSING");

    public int Disagreements => Count("JOURNAL");

    public int OtherProblems => Problems.Count - Duplicates - Missing - Disagreements;

    /// <summary>Batch kills per quarter of the batch: under 25%, 25–50%, 50–75%, 75% and more.</summary>
    public int[] KillsByQuarter
    {
        get
        {
            var quarters = new int[4];
            foreach (var kill in Kills)
            {
                quarters[kill.Quarter]++;
            }

            return quarters;
        }
    }

    /// <summary>At least an eighth of the batch's kills in each quarter of its progress.</summary>
    public bool KillsSpread => Kills.Count > 0 && KillsByQuarter.All(q => q * 8 >= Kills.Count);

    public bool Passed => Problems.Count == 0 && Shortfalls.Count == 0;

    public string QuarterLine
    {
        get
        {
            var q = KillsByQuarter;
            return $"kills by progress: <25%: {q[0]} · 25–50%: {q[1]} · 50–75%: {q[2]} · ≥75%: {q[3]}";
        }
    }

    /// <summary>Kills of each kind, in the order of <see cref="KillKind"/>.</summary>
    public string KindLine =>
        string.Join(", ", Kills.Concat(MigrationKills).GroupBy(k => k.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Describe(g.Key)}"));

    public static string Describe(KillKind kind) => kind switch
    {
        KillKind.StartUp => "at start-up",
        KillKind.Progress => "at drawn progress",
        KillKind.Storm => "in a 429 pause",
        KillKind.Workbook => "while writing the workbook",
        _ => "while migrating the journal",
    };

    /// <summary>Checks the run against its plan: kills spread over the batch and as many of each kind and restarts as planned.</summary>
    public void CheckPlan()
    {
        if (!KillsSpread)
        {
            Shortfalls.Add($"the kills are not spread over the batch (fewer than an eighth in a quarter): {QuarterLine}");
        }

        if (Restarts < Settings.SandboxRestarts)
        {
            Shortfalls.Add($"the sandbox was restarted {Restarts} times, {Settings.SandboxRestarts} planned");
        }

        Expect(KillKind.Progress, Settings.ProgressKills, Kills);
        Expect(KillKind.StartUp, Settings.StartUpKills, Kills);
        Expect(KillKind.Storm, Settings.StormKills, Kills);
        Expect(KillKind.Workbook, Settings.WorkbookKills, Kills);
        Expect(KillKind.Migration, Settings.MigrationKills, MigrationKills);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Orders planned {PlannedOrders:N0} · ledger entries {LedgerEntries:N0} · client runs {ClientRuns} · SIGKILLs {Kills.Count} of the batch " +
                         $"+ {MigrationKills.Count} in migrations · sandbox restarts {Restarts} · availability reissues {Rotations} · {WallTime.TotalSeconds:N0} s");
        output.WriteLine($"Kills: {KindLine}");
        output.WriteLine($"Duplicates {Duplicates} · missing {Missing} · journal/ledger disagreements {Disagreements} · other problems {OtherProblems}");
        foreach (var line in Problems.Take(50))
        {
            output.WriteLine("  " + line);
        }

        foreach (var line in Shortfalls)
        {
            output.WriteLine("  SHORT OF PLAN: " + line);
        }

        output.WriteLine(QuarterLine);
    }

    private void Expect(KillKind kind, int planned, List<KillRecord> kills)
    {
        var made = kills.Count(k => k.Kind == kind);
        if (made < planned)
        {
            Shortfalls.Add($"{made} kills {Describe(kind)}, {planned} planned");
        }
    }

    private int Count(string prefix) => Problems.Count(p => p.StartsWith(prefix, StringComparison.Ordinal) || p.Contains(": " + prefix, StringComparison.Ordinal));
}
