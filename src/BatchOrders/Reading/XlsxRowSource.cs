using System.Globalization;
using System.Xml;

namespace BatchOrders.Reading;

/// <summary>
/// Streams the rows of one worksheet of an .xlsx file straight from its XML, so memory does not grow with the
/// sheet: formula cells by their saved value, numbers, dates and times as Excel shows them (<see cref="CellText"/>),
/// a row split over several row elements as one row, blank rows left out. Elements are matched by local name, so
/// "Strict Open XML" workbooks read the same way.
/// </summary>
internal sealed class XlsxRowSource : ISheetRowSource
{
    private readonly WorkbookPackage _package;
    private readonly ReadOptions _options;
    private readonly string _worksheetPart;
    private readonly bool _date1904;

    private XlsxRowSource(WorkbookPackage package, ReadOptions options, string sheetName, string worksheetPart, bool date1904)
    {
        _package = package;
        _options = options;
        SheetName = sheetName;
        _worksheetPart = worksheetPart;
        _date1904 = date1904;
    }

    public string? SheetName { get; }

    /// <summary>Opens the sheet <paramref name="options"/> name, or the first one. A missing sheet is an <see cref="InputFileException"/> naming the sheets there are.</summary>
    public static XlsxRowSource Open(string path, ReadOptions options)
    {
        var (package, sheet, date1904) = WorkbookPackage.OpenSheet(path, options, WorkbookContents.ReadXml);
        return new XlsxRowSource(package, options, sheet.Name, sheet.Part!, date1904);
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        var sharedStrings = ReadPart("sharedStrings", SharedStringTable.ReadXml) ?? new SharedStringTable();
        var formats = ReadPart("styles", CellFormats.ReadXml) ?? CellFormats.None;
        using var xml = _package.OpenXml(_worksheetPart);

        var rows = new RowAssembler($"Sheet '{SheetName}'", _options.MaxColumns);
        var previousRow = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }

            var rowNumber = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : previousRow + 1;
            previousRow = rowNumber;
            if ((rowNumber & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (rows.Start(rowNumber, out var finished))
            {
                yield return finished;
            }

            if (!xml.IsEmptyElement)
            {
                ReadCells(xml, sharedStrings, formats, rows);
            }
        }

        if (rows.Finish(out var last))
        {
            yield return last;
        }
    }

    public void Dispose() => _package.Dispose();

    private T? ReadPart<T>(string type, Func<XmlReader, T> read)
        where T : class
    {
        if (_package.WorkbookPartOfType(type) is not { } part)
        {
            return null;
        }

        using var xml = _package.OpenXml(part);
        return read(xml);
    }

    /// <summary>Reads the cells of the row the reader is on; leaves it on the row's end tag.</summary>
    private void ReadCells(XmlReader xml, SharedStringTable sharedStrings, CellFormats formats, RowAssembler row)
    {
        var rowDepth = xml.Depth;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == rowDepth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                xml.Read();
                continue;
            }

            var column = ColumnLetters.IndexOf(xml.GetAttribute("r")) ?? row.NextColumn;
            var type = xml.GetAttribute("t");
            if (xml.IsEmptyElement && type != "e")
            {
                // An empty cell (formatting only) holds nothing to read: a sheet of millions costs their bytes alone.
                row.Skip(column);
                xml.Read();
                continue;
            }

            var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
            var (value, hasFormula) = ReadCellContent(xml);
            var text = type switch
            {
                "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count ? sharedStrings[index] : string.Empty,
                "b" => value is null ? string.Empty : value == "1" ? "TRUE" : "FALSE",
                "e" => value ?? "#VALUE!",
                "d" => value is null ? string.Empty : CellText.IsoDate(value, formats.KindOf(style)),
                "str" => value is null ? string.Empty : ExcelEscapes.Decode(value),
                "inlineStr" => value ?? string.Empty,
                _ when value is null => string.Empty,
                _ when formats.KindOf(style) is var kind and not NumberFormatKind.Number => CellText.Serial(value, kind, _date1904),
                _ => CellText.Number(value),
            };

            if (text is null)
            {
                row.Set(column, value!.Trim());
                row.Issue(column, CellText.PastLastDayMessage);
                continue;
            }

            row.Set(column, text);
            if (type == "e")
            {
                row.Issue(column, $"The cell shows the Excel error {text}: fix its formula or type the value.");
            }
            else if (hasFormula && value is null)
            {
                row.Issue(column, "The cell has a formula that was never calculated: open the file in Excel, let it calculate, and save it.");
            }
        }
    }

    /// <summary>
    /// Reads the cell the reader is on: its value (&lt;v&gt;, or an inline string) and whether it has a formula.
    /// Leaves the reader on the node after the cell.
    /// </summary>
    private static (string? Value, bool HasFormula) ReadCellContent(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return (null, false);
        }

        var cellDepth = xml.Depth;
        string? value = null;
        var hasFormula = false;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == cellDepth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }

            switch (xml.LocalName)
            {
                case "v":
                    value = xml.ReadElementContentAsString();
                    break;
                case "is":
                    value = SharedStringTable.ReadItem(xml);
                    break;
                case "f":
                    hasFormula = true;
                    xml.Skip();
                    break;
                default:
                    xml.Skip();
                    break;
            }
        }

        xml.Read();
        return (value, hasFormula);
    }
}
