namespace BatchOrders.Results;

/// <summary>How results files are written.</summary>
public sealed record ResultsOptions
{
    /// <summary>The clock for "written at" and for runs that have not ended; UTC throughout.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The command that resumes the batch, shown on the Summary sheet; null to derive it from the batch
    /// (<c>batchorders submit INPUT</c>, with <c>--sheet</c> and <c>--journal</c> when needed).
    /// </summary>
    public string? ResumeCommand { get; init; }
}
