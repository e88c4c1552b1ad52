namespace BatchOrders.Problems;

/// <summary>The journal file cannot be opened or is not a BatchOrders journal (<see cref="Reason"/> says what failed).</summary>
public sealed record JournalUnusable(string JournalPath, string Reason) : BatchProblem
{
    /// <inheritdoc />
    public override string Message => $"The journal {JournalPath} cannot be used: {Reason}.";
}
