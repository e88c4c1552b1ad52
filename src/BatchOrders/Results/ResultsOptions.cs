namespace BatchOrders.Results;

/// <summary>How results files are written.</summary>
public sealed record ResultsOptions
{
    /// <summary>The clock for "written at" and for runs that have not ended; UTC throughout.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
