namespace BatchOrders.Problems;

/// <summary>An outdated results file that should no longer exist could not be removed; <see cref="Reason"/> says why.</summary>
public sealed record FileNotRemoved(string Path, string Reason) : BatchProblem
{
    /// <inheritdoc />
    public override string Message => $"The outdated file {Path} could not be removed: {Reason}.";
}
