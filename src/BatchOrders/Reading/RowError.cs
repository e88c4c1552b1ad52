namespace BatchOrders.Reading;

/// <summary>
/// One problem with one cell (or row) of the input: where it is, the value found and what would be valid.
/// Row and column are null for problems with the file as a whole.
/// </summary>
/// <param name="File">The input file's path.</param>
/// <param name="Sheet">The sheet; null for CSV.</param>
/// <param name="Row">The row number Excel shows; null for the file as a whole.</param>
/// <param name="Column">The column's header (or letter); null for the row as a whole.</param>
/// <param name="Value">The value found, shortened when long; null when there is none.</param>
/// <param name="Message">What is wrong and what would be valid.</param>
public sealed record RowError(string File, string? Sheet, int? Row, string? Column, string? Value, string Message)
{
    /// <summary>"orders.xlsx, sheet Orders, row 12, column Quantity" — the place, as a person would say it.</summary>
    public string Place
    {
        get
        {
            var parts = new List<string>(4) { Path.GetFileName(File) };
            if (Sheet is not null)
            {
                parts.Add($"sheet {Sheet}");
            }

            if (Row is not null)
            {
                parts.Add($"row {Row}");
            }

            if (Column is not null)
            {
                parts.Add($"column {Column}");
            }

            return string.Join(", ", parts);
        }
    }
}
