using System.Text;
using ExcelDataReader;

namespace BatchOrders.Reading;

/// <summary>
/// A file's rows as they were written, valid or not, and a workbook's sheet names: what a host needs to give a
/// person back the rows they must fix, or to ask which sheet to read. Checking rows is <see cref="SpreadsheetReader"/>'s job.
/// </summary>
public static class SheetCells
{
    /// <summary>
    /// The worksheets of a workbook in tab order; empty for CSV, and for a file that cannot be opened (reading it
    /// says why).
    /// </summary>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            switch (InputFileSniffer.Sniff(path))
            {
                case InputFileKind.OpenXmlWorkbook:
                    using (var package = WorkbookPackage.Open(path, InputFileSniffer.DamagedMessage(path), new ReadOptions()))
                    {
                        return [.. WorkbookContents.ReadXml(package).Sheets.Where(s => s.Part is not null).Select(s => s.Name)];
                    }

                case InputFileKind.BinaryWorkbook:
                    using (var package = WorkbookPackage.Open(path, InputFileSniffer.DamagedMessage(path), new ReadOptions()))
                    {
                        return [.. XlsbWorkbook.Read(package).Sheets.Where(s => s.Part is not null).Select(s => s.Name)];
                    }

                case InputFileKind.CompoundFile:
                    using (var stream = File.OpenRead(path))
                    using (var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding(1252) }))
                    {
                        var names = new List<string>();
                        do
                        {
                            names.Add(reader.Name ?? string.Empty);
                        }
                        while (reader.NextResult());
                        return names;
                    }

                default:
                    return [];
            }
        }
#pragma warning disable CA1031 // Any fault here is the file's: reading it reports that fault in words.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    /// <summary>
    /// The rows numbered <paramref name="rowNumbers"/> (as Excel shows them) of the sheet a read used, each with its
    /// cells as written, in file order.
    /// </summary>
    public static IReadOnlyList<(int Row, IReadOnlyList<string> Cells)> Rows(ReadResult read, IReadOnlySet<int> rowNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(rowNumbers);
        var rows = new List<(int, IReadOnlyList<string>)>();
        if (rowNumbers.Count == 0)
        {
            return rows;
        }

        using var source = SpreadsheetReader.OpenRows(read.File, new ReadOptions { Sheet = read.Sheet });
        foreach (var row in source.ReadRows(cancellationToken))
        {
            if (rowNumbers.Contains(row.Number))
            {
                rows.Add((row.Number, row.Detached().Cells));
            }
        }

        return rows;
    }
}
