using System.Globalization;
using BatchOrders.Reading;

namespace BatchOrders.Results;

/// <summary>
/// The rows of an input that have problems, before anything is sent: the input's own columns (same names, same order)
/// and, after them, where each row was and what is wrong with it (<see cref="ReasonColumns"/>), so it can be fixed
/// and read again as it is — the reader leaves the <c>Result: …</c> columns alone, as it does in the failed-rows file.
/// CSV input gives CSV, a workbook a workbook with the input's sheet name.
/// </summary>
public static class RowsToFixFile
{
    /// <summary>The columns after the input's own: the row's number in the input, and its problems.</summary>
    public static IReadOnlyList<string> ReasonColumns { get; } = [FailedRowsFile.ReasonPrefix + "Row", FailedRowsFile.ReasonPrefix + "Problem"];

    /// <summary><c>&lt;input&gt;.to-fix.csv</c>, or <c>.to-fix.xlsx</c> when the input was a workbook.</summary>
    public static string DefaultPath(ReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Path.GetFullPath(read.File) + (read.Sheet is null ? ".to-fix.csv" : ".to-fix.xlsx");
    }

    /// <summary>
    /// Writes the rows that <paramref name="problems"/> name (problems of the file as a whole name none), each once,
    /// with all of its problems in one cell. Format by extension: .xlsx is a workbook, anything else CSV.
    /// </summary>
    public static ResultsFileOutcome Write(ReadResult read, IReadOnlyList<RowError> problems, string? path = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(problems);
        var target = Path.GetFullPath(path ?? DefaultPath(read));
        var byRow = problems.Where(p => p.Row is not null).GroupBy(p => p.Row!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var kept = FailedRowsFile.KeptColumns(read.Headers);
        var headers = kept.Select(c => read.Headers[c]).Concat(ReasonColumns).ToList();
        var rows = SheetCells.Rows(read, byRow.Keys.ToHashSet(), cancellationToken)
            .Select(row => (IReadOnlyList<string>)
            [
                .. kept.Select(c => c < row.Cells.Count ? row.Cells[c] : string.Empty),
                row.Row.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", byRow[row.Row].Select(p => p.Column is null ? p.Message : $"{p.Column}: {p.Message}")),
            ])
            .ToList();

        var workbook = string.Equals(Path.GetExtension(target), ".xlsx", StringComparison.OrdinalIgnoreCase);
        var problem = AtomicFile.Write(target, stream =>
        {
            if (workbook)
            {
                FailedRowsFile.WriteXlsx(stream, read.Sheet ?? "Orders", headers, rows);
            }
            else
            {
                FailedRowsFile.WriteCsv(stream, headers, rows);
            }
        });
        return new ResultsFileOutcome(target, rows.Count, problem is null ? null : new Problems.FileNotWritten(target, problem));
    }
}
