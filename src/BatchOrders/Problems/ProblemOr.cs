namespace BatchOrders.Problems;

/// <summary>Either a value or the <see cref="BatchProblem"/> that kept it from being made.</summary>
public readonly record struct ProblemOr<T>
    where T : class
{
    private ProblemOr(T? value, BatchProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The value; null when there is a <see cref="Problem"/>.</summary>
    public T? Value { get; }

    /// <summary>The problem; null when there is a <see cref="Value"/>.</summary>
    public BatchProblem? Problem { get; }

    /// <summary>Wraps a value.</summary>
    public static implicit operator ProblemOr<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>Wraps a problem.</summary>
    public static implicit operator ProblemOr<T>(BatchProblem problem) => new(null, problem ?? throw new ArgumentNullException(nameof(problem)));

    /// <summary>Gives the value or the problem, exactly one of them not null.</summary>
    public void Deconstruct(out T? value, out BatchProblem? problem)
    {
        value = Value;
        problem = Problem;
    }
}
