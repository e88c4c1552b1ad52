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
    private readonly IExcelDataReader _reader;

    static XlsRowSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private XlsRowSource(IExcelDataReader reader, string sheetName)
    {
        _reader = reader;
        SheetName = sheetName;
    }

    public string? SheetName { get; }

    /// <summary>Opens the named sheet, or the first one; a workbook with a password of its own is an <see cref="InputFileException"/>.</summary>
    public static XlsRowSource Open(string path, string? sheetName)
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
        catch
        {
            stream.Dispose();
            throw;
        }

        try
        {
            var names = new List<WorkbookSheet>();
            do
            {
                names.Add(new WorkbookSheet(reader.Name ?? string.Empty, names.Count.ToString(CultureInfo.InvariantCulture)));
            }
            while (reader.NextResult());

            var chosen = WorkbookSheet.Choose(names, sheetName);
            reader.Reset();
            for (var i = int.Parse(chosen.Part!, CultureInfo.InvariantCulture); i > 0; i--)
            {
                reader.NextResult();
            }

            return new XlsRowSource(reader, chosen.Name);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        var row = new RowAssembler();
        var number = 0;
        while (_reader.Read())
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
                if (_reader.GetValue(column) is { } value)
                {
                    row.Set(column, Text(value, column));
                }
            }

            if (row.Finish(out var finished))
            {
                yield return finished;
            }
        }
    }

    public void Dispose() => _reader.Dispose();

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
