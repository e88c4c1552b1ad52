using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace BatchOrders.Reading;

/// <summary>
/// Streams the rows of one sheet of an Excel 97-2003 workbook (.xls), or of a workbook encrypted with Excel's
/// built-in default password (which Excel opens without asking), through ExcelDataReader: formula cells by their
/// saved value, numbers, dates and times as Excel shows them (<see cref="CellText"/>), Excel's row numbers, blank rows
/// left out. ExcelDataReader gives an error cell as no value, so an error in a required column reads as empty.
/// </summary>
internal sealed class XlsRowSource : ISheetRowSource
{
    // 32 Mi cells: twice the largest .xls sheet (65,536 × 256), 3 times a million-row sheet of eleven order columns.
    private const long MaxCells = 32L * 1024 * 1024;

    private readonly IExcelDataReader _reader;
    private readonly string _path;
    private readonly int _maxColumns;

    static XlsRowSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private XlsRowSource(IExcelDataReader reader, string sheetName, string path, int maxColumns)
    {
        _reader = reader;
        SheetName = sheetName;
        _path = path;
        _maxColumns = maxColumns;
    }

    public string? SheetName { get; }

    /// <summary>Opens the named sheet, or the first one; a workbook with a password of its own is an <see cref="InputFileException"/>.</summary>
    public static XlsRowSource Open(string path, ReadOptions options)
    {
        var stream = File.OpenRead(path);
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding(1252) });
        }
        catch (ExcelDataReader.Exceptions.InvalidPasswordException ex)
        {
            stream.Dispose();
            throw new InputFileException(InputFileSniffer.PasswordMessage, ex);
        }
        catch (Exception ex) when (IsParserFault(ex))
        {
            stream.Dispose();
            throw Damaged(path, ex);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        try
        {
            // ExcelDataReader names its sheets one result at a time; every one of them is a worksheet.
            var sheets = new List<WorkbookSheet>();
            do
            {
                sheets.Add(new WorkbookSheet(reader.Name ?? string.Empty, reader.Name ?? string.Empty));
            }
            while (reader.NextResult());

            var chosen = WorkbookSheet.Choose(sheets, options.Sheet);
            reader.Reset();
            for (var skip = sheets.IndexOf(chosen); skip > 0; skip--)
            {
                reader.NextResult();
            }

            return new XlsRowSource(reader, chosen.Name, path, options.MaxColumns);
        }
        catch (Exception ex) when (IsParserFault(ex))
        {
            reader.Dispose();
            throw Damaged(path, ex);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        var row = new RowAssembler($"Sheet '{SheetName}'", _maxColumns);
        var number = 0;

        // ExcelDataReader walks every row and column its sheet's dimensions claim, blank or not, before it answers: a
        // damaged DIMENSION record claiming a billion rows took a minute to read as empty, 53,000 columns 27 s. A sheet
        // Excel writes is at most 65,536 rows of 256 cells (.xls), or 1,048,576 of the cells an order sheet needs.
        if (_reader.RowCount > RowAssembler.MaxRow || _reader.FieldCount > RowAssembler.MaxColumn + 1 || (long)_reader.RowCount * _reader.FieldCount > MaxCells)
        {
            throw new InputFileException(InputFileSniffer.DamagedMessage(_path));
        }

        if (_reader.FieldCount > _maxColumns)
        {
            throw ReadBudgets.TooManyColumns($"Sheet '{SheetName}'", 1, _reader.FieldCount - 1, _maxColumns);
        }

        while (Next())
        {
            // ExcelDataReader gives every row from the first, blank ones too: the count is Excel's row number.
            number++;
            if ((number & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            row.Start(number, out _);
            for (var column = 0; column < _reader.FieldCount; column++)
            {
                if (_reader.GetValue(column) is not { } value)
                {
                    continue;
                }

                // ExcelDataReader gives a date past 9999-12-31 as its number, which no DateTime holds.
                if (value is double serial && Kind(column) is not NumberFormatKind.Number and var kind && CellText.Serial(serial, kind, date1904: false) is null)
                {
                    row.Set(column, CellText.Number(serial));
                    row.Issue(column, CellText.PastLastDayMessage);
                    continue;
                }

                row.Set(column, Text(value, column));
            }

            if (row.Finish(out var finished))
            {
                yield return finished;
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>
    /// Whether an exception from ExcelDataReader means the bytes are not the workbook they claim to be: its parsers
    /// index into records as the file describes them, so a damaged file fails in whatever way its bytes lead to, an
    /// array of the size a damaged length field gives included (an OutOfMemoryException for one allocation, which
    /// took nothing: an .xls is at most 65,536 rows of 256 cells). Faults of the machine (I/O), cancellation and our
    /// own messages are not that.
    /// </summary>
    private static bool IsParserFault(Exception ex) =>
        ex is not (IOException or UnauthorizedAccessException or OperationCanceledException or InputFileException)
        || ex is EndOfStreamException;

    private static InputFileException Damaged(string path, Exception ex) =>
        new(InputFileSniffer.IsEncrypted(path) ? InputFileSniffer.PasswordMessage : InputFileSniffer.DamagedMessage(path), ex);

    private bool Next()
    {
        try
        {
            return _reader.Read();
        }
        catch (Exception ex) when (IsParserFault(ex))
        {
            throw Damaged(_path, ex);
        }
    }

    private string Text(object value, int column) => value switch
    {
        string text => text,
        bool flag => flag ? "TRUE" : "FALSE",
        DateTime date => CellText.DateTime(date, Kind(column)),
        TimeSpan duration => CellText.Duration(duration),
        double number => CellText.Number(number),
        IConvertible number => CellText.Number(number.ToDouble(CultureInfo.InvariantCulture)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private NumberFormatKind Kind(int column) =>
        NumberFormats.Classify(_reader.GetNumberFormatIndex(column), _reader.GetNumberFormatString(column));
}
