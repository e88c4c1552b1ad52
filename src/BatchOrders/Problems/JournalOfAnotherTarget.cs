namespace BatchOrders.Problems;

/// <summary>
/// The journal was used for live orders and this run is a rehearsal, or the other way round: live orders and
/// rehearsals never share a journal.
/// </summary>
public sealed record JournalOfAnotherTarget(string JournalPath, Target JournalTarget, Target RunTarget) : BatchProblem
{
    /// <inheritdoc />
    public override string Message =>
        $"The journal {JournalPath} was used with {JournalTarget.Description}; this run is for {RunTarget.Description}. Live orders and rehearsals never share a journal.";
}
