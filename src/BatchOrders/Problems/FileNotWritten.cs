namespace BatchOrders.Problems;

/// <summary>A results file could not be written (or an outdated one removed); <see cref="Reason"/> says why, such as "the existing file is open in another program".</summary>
public sealed record FileNotWritten(string Path, string Reason) : BatchProblem
{
    /// <inheritdoc />
    public override string Message => $"{Path} was not written: {Reason}.";
}
