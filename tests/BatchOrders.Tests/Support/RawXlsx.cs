using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>
/// Builds .xlsx files from hand-written sheet XML, so a test controls exactly what Excel would have saved:
/// cached formula values, error cells, inline and rich-text strings, rows without references, Strict namespaces,
/// number formats, the 1904 date system, rows split over several row elements, and zip entry names as odd writers
/// save them (upper case, backslashes).
/// </summary>
public sealed class RawXlsx
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string StrictNamespace = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    private readonly List<(string Name, string SheetData)> _sheets = [];
    private readonly List<string> _sharedStrings = [];
    private readonly List<string> _formats = [];

    public string Namespace { get; init; } = MainNamespace;

    /// <summary>Dates count from 1904 (workbookPr date1904).</summary>
    public bool Date1904 { get; init; }

    /// <summary>Every cell of a <see cref="Sheet(string, RawRow[])"/> row in a row element of its own, the row number repeated.</summary>
    public bool SplitRows { get; init; }

    /// <summary>How each part's zip entry is named (the content types and relationships keep the usual names).</summary>
    public Func<string, string> EntryName { get; init; } = name => name;

    /// <summary>Adds a sheet of typed cells, as <see cref="RawXlsb"/> and <see cref="RawXls"/> take them.</summary>
    public RawXlsx Sheet(string name, params RawRow[] rows)
    {
        var xml = new StringBuilder();
        foreach (var row in rows)
        {
            var open = false;
            for (var c = 0; c < row.Cells.Length; c++)
            {
                if (row.Cells[c] is not { } cell)
                {
                    continue;
                }

                if (open && SplitRows)
                {
                    xml.Append("</row>");
                    open = false;
                }

                if (!open)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{row.Number}\">");
                    open = true;
                }

                xml.Append(TypedCell(Reference(c, row.Number), cell));
            }

            if (open)
            {
                xml.Append("</row>");
            }
        }

        return Sheet(name, xml.ToString());
    }

    /// <summary>The style index of a cell style showing numbers with <paramref name="formatCode"/> (for s="…").</summary>
    public int Style(string formatCode)
    {
        if (!_formats.Contains(formatCode))
        {
            _formats.Add(formatCode);
        }

        return _formats.IndexOf(formatCode) + 1;
    }

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

    private string TypedCell(string reference, RawCell cell)
    {
        var style = cell.Format is { } format ? $" s=\"{Style(format)}\"" : string.Empty;
        var formula = cell.Formula ? "<f>1+1</f>" : string.Empty;
        return cell.Value switch
        {
            string text when cell.Formula => $"<c r=\"{reference}\" t=\"str\"{style}>{formula}<v>{SecurityElement.Escape(text)}</v></c>",
            string text => InlineCell(reference, text),
            double number => $"<c r=\"{reference}\"{style}>{formula}<v>{number.ToString("R", CultureInfo.InvariantCulture)}</v></c>",
            bool flag => $"<c r=\"{reference}\" t=\"b\">{formula}<v>{(flag ? 1 : 0)}</v></c>",
            RawError error => $"<c r=\"{reference}\" t=\"e\">{formula}<v>{ErrorText(error.Code)}</v></c>",
            _ => throw new ArgumentException($"No cell for {cell.Value}.", nameof(cell)),
        };
    }

    private static string ErrorText(byte code) => code switch
    {
        RawCell.DivideByZero => "#DIV/0!",
        RawCell.NotAvailable => "#N/A",
        _ => "#VALUE!",
    };

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

            if (_formats.Count > 0)
            {
                Add(zip, "xl/styles.xml", Styles());
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

        if (_formats.Count > 0)
        {
            xml.Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
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
               (Date1904 ? "<workbookPr date1904=\"1\"/>" : string.Empty) +
               $"<sheets>{sheets}</sheets></workbook>";
    }

    private string WorkbookRelationships()
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (var i = 0; i < _sheets.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>");
        }

        if (_formats.Count > 0)
        {
            xml.Append("<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
        }

        if (_sharedStrings.Count > 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{_sheets.Count + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
        }

        return xml.Append("</Relationships>").ToString();
    }

    private string Styles()
    {
        var formats = string.Concat(_formats.Select((f, i) => $"<numFmt numFmtId=\"{164 + i}\" formatCode=\"{SecurityElement.Escape(f)}\"/>"));
        var styles = string.Concat(_formats.Select((_, i) => $"<xf numFmtId=\"{164 + i}\" applyNumberFormat=\"1\"/>"));
        return $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"{Namespace}\"><numFmts count=\"{_formats.Count}\">{formats}</numFmts>" +
               $"<cellXfs count=\"{_formats.Count + 1}\"><xf numFmtId=\"0\"/>{styles}</cellXfs></styleSheet>";
    }

    private void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(EntryName(name), CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    }
}
