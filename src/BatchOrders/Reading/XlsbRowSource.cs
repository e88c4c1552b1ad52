using System.Buffers.Binary;

namespace BatchOrders.Reading;

/// <summary>
/// Streams the rows of one worksheet of an .xlsb (Excel binary workbook) record by record, with the same rules as
/// <see cref="XlsxRowSource"/>: formula cells by their saved value, numbers, dates and times as Excel shows them,
/// Excel's row numbers, split rows joined, blank rows left out. ExcelDataReader reads .xlsb only from version
/// 3.7, which is not available to this project, so the few records a sheet of values needs are read here.
/// </summary>
internal sealed class XlsbRowSource : ISheetRowSource
{
    private const int BrtRowHdr = 0;
    private const int BrtCellBlank = 1;
    private const int BrtCellRk = 2;
    private const int BrtCellError = 3;
    private const int BrtCellBool = 4;
    private const int BrtCellReal = 5;
    private const int BrtCellSt = 6;
    private const int BrtCellIsst = 7;
    private const int BrtFmlaString = 8;
    private const int BrtFmlaNum = 9;
    private const int BrtFmlaBool = 10;
    private const int BrtFmlaError = 11;
    private const int BrtCellRString = 62;

    private readonly WorkbookPackage _package;
    private readonly ReadOptions _options;
    private readonly string _worksheetPart;
    private readonly bool _date1904;

    private XlsbRowSource(WorkbookPackage package, ReadOptions options, string sheetName, string worksheetPart, bool date1904)
    {
        _package = package;
        _options = options;
        SheetName = sheetName;
        _worksheetPart = worksheetPart;
        _date1904 = date1904;
    }

    public string? SheetName { get; }

    /// <summary>Opens the sheet <paramref name="options"/> name, or the first one. A missing sheet is an <see cref="InputFileException"/> naming the sheets there are.</summary>
    public static XlsbRowSource Open(string path, ReadOptions options)
    {
        var (package, sheet, date1904) = WorkbookPackage.OpenSheet(path, options, XlsbWorkbook.Read);
        return new XlsbRowSource(package, options, sheet.Name, sheet.Part!, date1904);
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        var sharedStrings = _package.WorkbookPartOfType("sharedStrings") is { } sst ? XlsbWorkbook.ReadSharedStrings(_package.OpenPart(sst)) : new SharedStringTable();
        var formats = _package.WorkbookPartOfType("styles") is { } styles ? XlsbWorkbook.ReadFormats(_package.OpenPart(styles)) : CellFormats.None;
        using var records = new Biff12Reader(_package.OpenPart(_worksheetPart));
        var row = new RowAssembler($"Sheet '{SheetName}'", _options.MaxColumns);
        while (records.Read())
        {
            var data = records.Data;
            if (records.Type == BrtRowHdr && data.Length >= 4)
            {
                // A row index is 0-based; a number Excel cannot have (any 32 bits may be there) is refused by the assembler.
                var index = BinaryPrimitives.ReadInt32LittleEndian(data);
                var number = index == int.MaxValue ? index : index + 1;
                if ((number & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (row.Start(number, out var finished))
                {
                    yield return finished;
                }
            }
            else if (row.Number > 0 && records.Type is >= BrtCellBlank and <= BrtFmlaError or BrtCellRString && data.Length >= 8)
            {
                ReadCell(records.Type, data, sharedStrings, formats, row);
            }
        }

        if (row.Finish(out var last))
        {
            yield return last;
        }
    }

    public void Dispose() => _package.Dispose();

    /// <summary>The text of an error code ([MS-XLSB] 2.5.97.2 BErr).</summary>
    internal static string ErrorText(byte code) => code switch
    {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        0x2B => "#GETTING_DATA",
        _ => "#VALUE!",
    };

    /// <summary>An RkNumber: a 30-bit integer or the top 30 bits of a double, maybe divided by 100.</summary>
    internal static double RkNumber(int rk)
    {
        double value = (rk & 2) != 0 ? rk >> 2 : BitConverter.Int64BitsToDouble((long)(rk & unchecked((int)0xFFFFFFFC)) << 32);
        return (rk & 1) != 0 ? value / 100 : value;
    }

    private void ReadCell(int type, ReadOnlySpan<byte> data, SharedStringTable sharedStrings, CellFormats formats, RowAssembler row)
    {
        // Every cell record starts with its column and its style (24 bits) ([MS-XLSB] 2.5.9 Cell).
        var column = BinaryPrimitives.ReadInt32LittleEndian(data);
        var style = BinaryPrimitives.ReadInt32LittleEndian(data[4..]) & 0xFFFFFF;
        var offset = 8;
        string text;
        switch (type)
        {
            case BrtCellRk when data.Length >= 12:
                SetNumber(row, column, RkNumber(BinaryPrimitives.ReadInt32LittleEndian(data[8..])), formats.KindOf(style));
                return;
            case BrtCellReal or BrtFmlaNum when data.Length >= 16:
                SetNumber(row, column, BinaryPrimitives.ReadDoubleLittleEndian(data[8..]), formats.KindOf(style));
                return;
            case BrtCellBool or BrtFmlaBool when data.Length >= 9:
                text = data[8] != 0 ? "TRUE" : "FALSE";
                break;
            case BrtCellError or BrtFmlaError when data.Length >= 9:
                text = ErrorText(data[8]);
                row.Set(column, text);
                row.Issue(column, $"The cell shows the Excel error {text}: fix its formula or type the value.");
                return;
            case BrtCellSt or BrtFmlaString:
                text = Biff12Reader.WideString(data, ref offset);
                break;
            case BrtCellRString when data.Length >= 13:
                offset = 9;
                text = Biff12Reader.WideString(data, ref offset);
                break;
            case BrtCellIsst when data.Length >= 12:
                var index = BinaryPrimitives.ReadInt32LittleEndian(data[8..]);
                text = index >= 0 && index < sharedStrings.Count ? sharedStrings[index] : string.Empty;
                break;
            default:
                return;
        }

        row.Set(column, text);
    }

    /// <summary>A number cell as its format shows it; a date past 9999-12-31 is its number, with the cell's issue.</summary>
    private void SetNumber(RowAssembler row, int column, double value, NumberFormatKind kind)
    {
        if (kind == NumberFormatKind.Number)
        {
            row.Set(column, CellText.Number(value));
        }
        else if (CellText.Serial(value, kind, _date1904) is { } text)
        {
            row.Set(column, text);
        }
        else
        {
            row.Set(column, CellText.Number(value));
            row.Issue(column, CellText.PastLastDayMessage);
        }
    }
}
