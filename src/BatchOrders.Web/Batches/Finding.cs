using System.Text.Json.Serialization;
using BatchOrders.Reading;

namespace BatchOrders.Web.Batches;

/// <summary>How much a finding stops a batch: an error keeps it from being sent, a warning is shown and sent anyway.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    /// <summary>The row cannot be sent as it is.</summary>
    Error,

    /// <summary>Worth a look; the batch may be sent.</summary>
    Warning,
}

/// <summary>
/// One problem of a batch as the Problems page lists it: where (row, column), the value, what would be valid, and how
/// much it stops the batch. Reading's and planning's row errors are all errors; a check that knows more (the service's
/// own data) adds its findings in the same shape, so they are listed, filtered and written to the rows to fix alike.
/// </summary>
public sealed record Finding(FindingSeverity Severity, int? Row, string? Column, string? Value, string Message)
{
    /// <summary>A row error of reading or planning, or one the preflight found (<paramref name="severity"/>: its error or its warning).</summary>
    public static Finding Of(RowError error, FindingSeverity severity = FindingSeverity.Error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Finding(severity, error.Row, error.Column, error.Value, error.Message);
    }
}
