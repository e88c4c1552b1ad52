namespace BatchOrders.Results;

/// <summary>
/// What writing a results file gave: where it is and how many data rows it holds, or why it could not be written
/// (<see cref="Problem"/>, a message for the user; the journal still holds everything).
/// </summary>
public sealed record ResultsFileOutcome(string Path, int Rows, string? Problem)
{
    /// <summary>True when the file was written (or, with no rows to write, correctly left absent).</summary>
    public bool Succeeded => Problem is null;
}
