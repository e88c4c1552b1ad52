namespace BatchOrders.Fuzzing;

/// <summary>What reading one input gave: how it ended, the problem or exception, the time and the memory it took.</summary>
/// <param name="Index">The input's index in the campaign; -1 for a file checked as it is.</param>
/// <param name="Recipe">The seed and mutations, or the file's path.</param>
/// <param name="Kind">How it ended.</param>
/// <param name="Detail">The file's problem, the first row error, or the failure (an exception's type, message and where it was thrown).</param>
/// <param name="Budget">The read budget that refused the file, when one did.</param>
/// <param name="Milliseconds">Wall time of the check (both readings when it was read twice).</param>
/// <param name="CpuMilliseconds">Processor time the worker spent on the check, all its threads together: what the time budget judges, since wall time on a shared machine measures the other work too.</param>
/// <param name="PeakBytes">The worker's peak resident memory during the check (0 when unknown).</param>
internal sealed record FuzzOutcome(int Index, string Recipe, FuzzOutcomeKind Kind, string Detail, string? Budget, long Milliseconds, long CpuMilliseconds, long PeakBytes)
{
    public bool Failed => Kind is not (FuzzOutcomeKind.Valid or FuzzOutcomeKind.RowErrors or FuzzOutcomeKind.FileProblem);
}
