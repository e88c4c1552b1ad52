using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>
/// Builds .xlsx files from hand-written sheet XML, so a test controls exactly what Excel would have saved:
/// cached formula values, error cells, inline and rich-text strings, rows without references, Strict namespaces.
/// </summary>
public sealed class RawXlsx
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string StrictNamespace = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    private readonly List<(string Name, string SheetData)> _sheets = [];
    private readonly List<string> _sharedStrings = [];

    public string Namespace { get; init; } = MainNamespace;

    /// <summary>Adds a sheet whose &lt;sheetData&gt; content is given as XML (rows and cells).</summary>
    public RawXlsx Sheet(string name, string sheetDataXml)
    {
        _sheets.Add((name, sheetDataXml));
        return this;
    }

    /// <summary>Adds a sheet from rows of text cells (written as inline strings; null leaves the cell out).</summary>
    public RawXlsx Sheet(string name, params string?[][] rows)
    {
        var xml = new StringBuilder();
        for (var r = 0; r < rows.Length; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c] is { } value)
                {
                    xml.Append(InlineCell(Reference(c, r + 1), value));
                }
            }

            xml.Append("</row>");
        }

        return Sheet(name, xml.ToString());
    }

    /// <summary>Adds a shared string and returns its index, for cells written as t="s".</summary>
    public int SharedString(string itemXml)
    {
        _sharedStrings.Add(itemXml);
        return _sharedStrings.Count - 1;
    }

    public static string InlineCell(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>";

    public static string NumberCell(string reference, string number) => $"<c r=\"{reference}\"><v>{number}</v></c>";

    public static string Reference(int column, int row) => $"{BatchOrders.Reading.ColumnLetters.From(column)}{row}";

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", ContentTypes());
            Add(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml", Workbook());
            Add(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships());
            for (var i = 0; i < _sheets.Count; i++)
            {
                Add(zip, $"xl/worksheets/sheet{i + 1}.xml",
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Namespace}\"><sheetData>{_sheets[i].SheetData}</sheetData></worksheet>");
            }

            if (_sharedStrings.Count > 0)
            {
                Add(zip, "xl/sharedStrings.xml",
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Namespace}\" count=\"{_sharedStrings.Count}\">{string.Concat(_sharedStrings.Select(s => $"<si>{s}</si>"))}</sst>");
            }
        }

        return buffer.ToArray();
    }

    private string ContentTypes()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        xml.Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
        xml.Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        xml.Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        for (var i = 0; i < _sheets.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }

        if (_sharedStrings.Count > 0)
        {
            xml.Append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        }

        return xml.Append("</Types>").ToString();
    }

    private string Workbook()
    {
        var sheets = string.Concat(_sheets.Select((s, i) =>
            $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"));
        return $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{MainNamespace}\" " +
               "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
               $"<sheets>{sheets}</sheets></workbook>";
    }

    private string WorkbookRelationships()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (var i = 0; i < _sheets.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>");
        }

        if (_sharedStrings.Count > 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{_sheets.Count + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        }

        return xml.Append("</Relationships>").ToString();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    }
}
