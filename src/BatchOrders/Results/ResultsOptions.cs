namespace BatchOrders.Results;

/// <summary>How results files are written.</summary>
public sealed record ResultsOptions
{
    /// <summary>The clock for "written at" and for runs that have not ended; UTC throughout.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The preflight's warnings, kept on the Validation sheet beside any errors.</summary>
    public IReadOnlyList<Reading.RowError> Warnings { get; init; } = [];
}
