namespace BatchOrders.Problems;

/// <summary>The journal records a batch read from another input file.</summary>
public sealed record JournalOfAnotherInput(string JournalPath, string BatchInput, string Input) : BatchProblem
{
    /// <inheritdoc />
    public override string Message => $"The journal {JournalPath} belongs to {BatchInput}, not {Input}.";
}
