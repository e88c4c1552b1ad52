using BatchOrders.Reading;
using CsvHelper;

namespace BatchOrders.Web.Batches;

/// <summary>
/// A batch's next input when a person uploads only the rows they fixed: the rows of the input as it was that had no
/// error (planning's too, such as a duplicate), then
/// every row of the fixed file, under the input's columns (matched by name, ignoring case, spaces, <c>_</c> and
/// <c>-</c>; the <c>Result: …</c> columns of a rows-to-fix file are left out). Written as CSV, which the reader reads
/// back exactly as the cells were written.
/// </summary>
public static class FixedRowsMerge
{
    private const string ResultPrefix = "Result: ";

    /// <summary>Writes the merged rows to <paramref name="output"/>; returns how many rows were kept and how many came from the fix.</summary>
    public static (int Kept, int Fixed) Write(ReadResult current, IReadOnlySet<int> rowsWithErrors, ReadResult fixes, string output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rowsWithErrors);
        var kept = current.Rows.Where(r => !rowsWithErrors.Contains(r.Location.Row)).ToList();
        var headers = current.Headers.Where(h => !IsResult(h)).ToList();
        var currentColumns = headers.Select(h => current.Headers.ToList().IndexOf(h)).ToList();

        // Columns only the fixed file has (a note added while fixing) are kept, after the input's own.
        var keys = headers.Select(Key).ToList();
        var extra = fixes.Headers.Where(h => !IsResult(h) && !keys.Contains(Key(h))).ToList();
        headers.AddRange(extra);
        var fixColumns = headers.Select(h => IndexOf(fixes.Headers, Key(h))).ToList();

        var fixRows = fixes.Rows.Select(r => r.Location.Row).Concat(fixes.Errors.Where(e => e.Row is not null).Select(e => e.Row!.Value)).ToHashSet();
        var fixedCells = SheetCells.Rows(fixes, fixRows, cancellationToken);

        using var stream = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var writer = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.None }, leaveOpen: true);
        writer.WriteRecord([.. headers]);
        foreach (var row in kept)
        {
            writer.WriteRecord([.. headers.Select((_, c) => c < currentColumns.Count && currentColumns[c] >= 0 && currentColumns[c] < row.Cells.Count ? row.Cells[currentColumns[c]] : string.Empty)]);
        }

        foreach (var (_, cells) in fixedCells)
        {
            writer.WriteRecord([.. fixColumns.Select(c => c >= 0 && c < cells.Count ? cells[c] : string.Empty)]);
        }

        writer.Flush();
        return (kept.Count, fixedCells.Count);
    }

    private static bool IsResult(string header) => header.StartsWith(ResultPrefix, StringComparison.OrdinalIgnoreCase);

    private static int IndexOf(IReadOnlyList<string> headers, string key)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (Key(headers[i]) == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Key(string header) =>
        new([.. header.Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant)]);
}
