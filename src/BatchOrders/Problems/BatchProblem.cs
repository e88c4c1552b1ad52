namespace BatchOrders.Problems;

/// <summary>
/// Why the library could not do what it was asked, as a value rather than an exception: an expected failure such as
/// a journal that belongs to another file. <see cref="Message"/> says it in plain words without any host's syntax;
/// a host (the CLI) adds what its user should do about it.
/// </summary>
public abstract record BatchProblem
{
    /// <summary>The problem in one or two plain sentences.</summary>
    public abstract string Message { get; }
}
