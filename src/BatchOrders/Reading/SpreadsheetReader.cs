using System.Xml;

namespace BatchOrders.Reading;

/// <summary>
/// Reads a CSV or Excel file (.xlsx, .xlsm, .xlsb, .xls) into valid <see cref="OrderRow"/>s and every
/// <see cref="RowError"/>, in one pass, before anything else happens. A file that cannot be used at all gives one
/// <see cref="InputFileProblem"/>.
/// </summary>
public static class SpreadsheetReader
{
    /// <summary>Reads and checks every row of the file; never throws for a bad file, only for cancellation.</summary>
    public static ReadResult Read(string path, ReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ReadOptions();
        OptionsValidator.ThrowIfInvalid(options);
        try
        {
            return ReadFile(path, options, cancellationToken);
        }
        catch (InputFileException ex)
        {
            return ReadResult.Failed(path, ex.Message, ex.Budget);
        }
        catch (Exception ex) when (IsDamagedWorkbook(ex))
        {
            // An encrypted package that does not open with Excel's default password has a password of its own.
            return ReadResult.Failed(path, InputFileSniffer.IsEncrypted(path) ? InputFileSniffer.PasswordMessage : InputFileSniffer.DamagedMessage(path));
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
            throw new InputFileException("That is a folder, not a file: name the .csv or Excel file to read.");
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
            throw ReadBudgets.FileTooLarge(info.Length, options.MaxFileBytes);
        }

        using var source = OpenRows(path, options);
        return ReadRows(path, source, options, cancellationToken);
    }

    /// <summary>The row source for the file, by what its name and first bytes say it is.</summary>
    internal static ISheetRowSource OpenRows(string path, ReadOptions options) => InputFileSniffer.Sniff(path) switch
    {
        InputFileKind.OpenXmlWorkbook => XlsxRowSource.Open(path, options),
        InputFileKind.BinaryWorkbook => XlsbRowSource.Open(path, options),
        InputFileKind.CompoundFile => XlsRowSource.Open(path, options),
        _ => new CsvRowSource(path, options),
    };

    /// <summary>
    /// What the zip and XML layers throw for a file that is not the workbook it claims to be (a truncated zip,
    /// malformed XML, a record cut short), as opposed to a fault of the machine or a bug. ExcelDataReader's faults
    /// are turned into messages by <see cref="XlsRowSource"/>.
    /// </summary>
    private static bool IsDamagedWorkbook(Exception ex) => ex is InvalidDataException or XmlException or EndOfStreamException;

    private static ReadResult ReadRows(string path, ISheetRowSource source, ReadOptions options, CancellationToken cancellationToken)
    {
        var where = source.SheetName is null ? "The file" : $"Sheet '{source.SheetName}'";
        using var rows = source.ReadRowsBuffered(cancellationToken).GetEnumerator();

        var skipped = new List<SheetRow>();
        SheetRow? headerRow = null;
        while (rows.MoveNext())
        {
            var row = rows.Current.Detached();
            if (ColumnLayout.LooksLikeHeader(row.Cells))
            {
                headerRow = row;
                break;
            }

            skipped.Add(row);
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
        using var parser = new BatchedRowParser(() => new OrderRowParser(path, source.SheetName, layout, options, []), layout.Headers.Count, options.MaxTextLength);
        var dataRows = 0;
        while (rows.MoveNext())
        {
            if (++dataRows > options.MaxRows)
            {
                throw ReadBudgets.TooManyRows(where, options.MaxRows);
            }

            if (!parser.Add(rows.Current))
            {
                throw ReadBudgets.TooMuchText(where, dataRows, options.MaxTextLength);
            }
        }

        if (dataRows == 0)
        {
            throw new InputFileException($"{where} has a header row (row {header.Number}) but no data rows below it.");
        }

        var (orderRows, errors) = parser.Complete(source.SheetName);
        return new ReadResult(path, source.SheetName, layout.Headers, orderRows, errors, dataRows, null);
    }
}
