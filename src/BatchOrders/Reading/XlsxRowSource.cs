using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchOrders.Reading;

/// <summary>
/// Streams the rows of one worksheet of an .xlsx file straight from its XML, so memory does not grow with the
/// sheet: formula cells by their saved value, numbers as Excel stores them (5.0 is "5"), blank rows left out.
/// Elements are matched by local name, so "Strict Open XML" workbooks read the same way.
/// </summary>
internal sealed class XlsxRowSource : ISheetRowSource
{
    /// <summary>What a user is told about any workbook that cannot be opened as one.</summary>
    internal const string DamagedMessage =
        "The workbook is damaged or is not a real .xlsx file, so it cannot be read: open it in Excel and save it again as \"Excel Workbook (.xlsx)\".";

    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _worksheet;
    private readonly SharedStringTablePart? _sharedStringsPart;
    private readonly DateStyles _dateStyles;

    private XlsxRowSource(SpreadsheetDocument document, string sheetName, WorksheetPart worksheet)
    {
        _document = document;
        SheetName = sheetName;
        _worksheet = worksheet;
        _sharedStringsPart = document.WorkbookPart?.SharedStringTablePart;
        _dateStyles = DateStyles.From(document.WorkbookPart?.WorkbookStylesPart?.Stylesheet);
    }

    public string? SheetName { get; }

    /// <summary>Opens the named sheet, or the first one. A missing sheet is an <see cref="InputFileException"/> naming the sheets there are.</summary>
    public static XlsxRowSource Open(string path, string? sheetName)
    {
        var document = SpreadsheetDocument.Open(path, isEditable: false);
        try
        {
            var workbook = document.WorkbookPart
                ?? throw new InputFileException(DamagedMessage);
            var sheets = workbook.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
            if (sheets.Count == 0)
            {
                throw new InputFileException("The workbook has no sheets.");
            }

            var sheet = sheetName is null
                ? sheets[0]
                : sheets.Find(s => string.Equals(s.Name?.Value?.Trim(), sheetName.Trim(), StringComparison.OrdinalIgnoreCase))
                  ?? throw new InputFileException(
                      $"The workbook has no sheet named '{sheetName}'. Its sheets are: {string.Join(", ", sheets.Select(s => $"'{s.Name?.Value}'"))}.");

            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart worksheet)
            {
                throw new InputFileException($"Sheet '{sheet.Name?.Value}' is not a worksheet (it may be a chart sheet): choose another with --sheet.");
            }

            return new XlsxRowSource(document, sheet.Name?.Value ?? string.Empty, worksheet);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        var sharedStrings = ReadSharedStrings();
        using var stream = _worksheet.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });

        var previousRow = 0;
        var cells = new List<string>(16);
        List<CellIssue>? issues = null;
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

            cells.Clear();
            issues = null;
            if (!xml.IsEmptyElement)
            {
                ReadCells(xml, sharedStrings, _dateStyles, cells, ref issues);
            }

            if (cells.TrueForAll(c => c.Length == 0))
            {
                continue;
            }

            yield return new SheetRow(rowNumber, [.. cells], issues);
        }
    }

    public void Dispose() => _document.Dispose();

    /// <summary>Reads the cells of the row the reader is on; leaves it on the row's end tag.</summary>
    private static void ReadCells(XmlReader xml, SharedStringTable sharedStrings, DateStyles dateStyles, List<string> cells, ref List<CellIssue>? issues)
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

            var column = ColumnIndex(xml.GetAttribute("r")) ?? cells.Count;
            var type = xml.GetAttribute("t");
            var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
            var (value, hasFormula) = ReadCellContent(xml);
            while (cells.Count <= column)
            {
                cells.Add(string.Empty);
            }

            var text = type switch
            {
                "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count ? sharedStrings[index] : string.Empty,
                "b" => value is null ? string.Empty : value == "1" ? "TRUE" : "FALSE",
                "e" => value ?? "#VALUE!",
                "d" => value ?? string.Empty,
                _ when value is not null && dateStyles.IsDate(style) => AsDate(value),
                _ => value ?? string.Empty,
            };
            string? issue = null;
            if (type == "e")
            {
                issue = $"The cell shows the Excel error {text}: fix its formula or type the value.";
            }
            else if (hasFormula && value is null)
            {
                issue = "The cell has a formula that was never calculated: open the file in Excel, let it calculate, and save it.";
            }

            cells[column] = text.Trim();
            if (issue is not null)
            {
                (issues ??= []).Add(new CellIssue(column, issue));
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
                    value = ReadStringItem(xml);
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

    /// <summary>
    /// The text of a shared or inline string item: its &lt;t&gt;, or its rich-text runs joined; phonetic hints
    /// left out. Leaves the reader on the node after the item.
    /// </summary>
    private static string ReadStringItem(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return string.Empty;
        }

        var depth = xml.Depth;
        string? first = null;
        System.Text.StringBuilder? joined = null;
        xml.Read();
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                var text = xml.ReadElementContentAsString();
                if (first is null)
                {
                    first = text;
                }
                else
                {
                    (joined ??= new System.Text.StringBuilder(first)).Append(text);
                }
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "rPh" or "rPr")
            {
                xml.Skip();
            }
            else
            {
                xml.Read();
            }
        }

        xml.Read();
        return joined?.ToString() ?? first ?? string.Empty;
    }

    private SharedStringTable ReadSharedStrings()
    {
        var strings = new SharedStringTable();
        if (_sharedStringsPart is null)
        {
            return strings;
        }

        using var stream = _sharedStringsPart.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                strings.Add(ReadStringItem(xml));
            }
            else
            {
                xml.Read();
            }
        }

        return strings;
    }

    /// <summary>A number shown as a date, as the ISO date (and time) it shows; never as its day count.</summary>
    private static string AsDate(string serial)
    {
        if (!double.TryParse(serial, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) || days is < -657435 or > 2958465)
        {
            return serial;
        }

        var date = DateTime.FromOADate(days);
        return date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>"AB12" → 27 (0-based column of the cell reference); null when there is no reference.</summary>
    internal static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = (index * 26) + (c - 'A' + 1);
                letters++;
            }
            else if (c is >= 'a' and <= 'z')
            {
                index = (index * 26) + (c - 'a' + 1);
                letters++;
            }
            else
            {
                break;
            }
        }

        return letters == 0 ? null : index - 1;
    }
}
