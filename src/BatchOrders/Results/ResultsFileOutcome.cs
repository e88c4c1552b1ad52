using BatchOrders.Problems;

namespace BatchOrders.Results;

/// <summary>
/// What writing a results file gave: where it is and how many data rows it holds, or why it could not be written
/// (<see cref="Problem"/>: the journal still holds everything, so the file can be written again later).
/// </summary>
public sealed record ResultsFileOutcome(string Path, int Rows, BatchProblem? Problem)
{
    /// <summary>True when the file was written (or, with no rows to write, correctly left absent).</summary>
    public bool Succeeded => Problem is null;
}
