using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using static System.FormattableString;

namespace BatchOrders.Reading;

/// <summary>
/// Reads a CSV or Excel file into valid <see cref="OrderRow"/>s and every <see cref="RowError"/>, in one pass,
/// before anything else happens. A file that cannot be used at all gives one <see cref="InputFileProblem"/>.
/// </summary>
public static class SpreadsheetReader
{
    public static ReadResult Read(string path, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ReadOptions();
        try
        {
            return ReadFile(path, options, cancellationToken);
        }
        catch (InputFileException ex)
        {
            return ReadResult.Failed(path, ex.Message);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or InvalidOperationException { Source: "System.IO.Packaging" })
        {
            return ReadResult.Failed(path, XlsxRowSource.DamagedMessage);
        }
        catch (UnauthorizedAccessException)
        {
            return ReadResult.Failed(path, "The file cannot be opened: you do not have permission to read it.");
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            return ReadResult.Failed(path, $"The file cannot be read: {ex.Message} If it is open in Excel, close it and try again.");
        }
    }

    private static ReadResult ReadFile(string path, ReadOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new InputFileException("That is a folder, not a file: name the .csv or .xlsx file to read.");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InputFileException($"The file was not found. Check the name and folder (looked in {info.DirectoryName}).");
        }

        if (info.Length == 0)
        {
            throw new InputFileException("The file is empty.");
        }

        if (info.Length > options.MaxFileBytes)
        {
            throw new InputFileException(
                Invariant($"The file is {info.Length / (1024.0 * 1024):N0} MB, larger than the {options.MaxFileBytes / (1024.0 * 1024):N0} MB BatchOrders reads at once: split it into smaller files."));
        }

        var kind = InputFileSniffer.Sniff(path, info.Length);
        using ISheetRowSource source = kind == InputFileKind.Workbook
            ? OpenWorkbook(path, options.Sheet)
            : new CsvRowSource(path);
        return ReadRows(path, source, options, cancellationToken);
    }

    private static XlsxRowSource OpenWorkbook(string path, string? sheet)
    {
        try
        {
            return XlsxRowSource.Open(path, sheet);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new InputFileException(XlsxRowSource.DamagedMessage, ex);
        }
    }

    private static ReadResult ReadRows(string path, ISheetRowSource source, ReadOptions options, CancellationToken cancellationToken)
    {
        var where = source.SheetName is null ? "The file" : $"Sheet '{source.SheetName}'";
        using var rows = source.ReadRows(cancellationToken).GetEnumerator();

        var skipped = new List<SheetRow>();
        SheetRow? headerRow = null;
        while (rows.MoveNext())
        {
            if (ColumnLayout.LooksLikeHeader(rows.Current.Cells))
            {
                headerRow = rows.Current;
                break;
            }

            skipped.Add(rows.Current);
            if (skipped.Count >= options.HeaderSearchRows)
            {
                break;
            }
        }

        if (headerRow is not { } header)
        {
            if (skipped.Count == 0)
            {
                throw new InputFileException($"{where} is empty: it has no header row and no data.");
            }

            var first = string.Join(", ", skipped[0].Cells.Where(c => c.Length > 0).Take(6).Select(c => $"'{DisplayText.Shorten(c)}'"));
            throw new InputFileException(
                $"{where} has no header row: none of its first {skipped.Count} non-blank rows names the columns. " +
                $"The first row should name them, such as CustomerId, OfferId, Quantity (row {skipped[0].Number} holds {first}).");
        }

        var layout = ColumnLayout.Create(header.Cells.Select(c => c.Trim()).ToArray(), ColumnLetters.From);
        using var parser = new BatchedRowParser(() => new OrderRowParser(path, source.SheetName, layout, options, []));
        var dataRows = 0;
        while (rows.MoveNext())
        {
            if (++dataRows > options.MaxRows)
            {
                throw new InputFileException(Invariant($"{where} has more than {options.MaxRows:N0} data rows, more than a spreadsheet can hold: split it into smaller files."));
            }

            parser.Add(rows.Current);
        }

        if (dataRows == 0)
        {
            throw new InputFileException($"{where} has a header row (row {header.Number}) but no data rows below it.");
        }

        var (orderRows, errors) = parser.Complete();
        return new ReadResult(path, source.SheetName, layout.Headers, orderRows, errors, dataRows, null);
    }
}
