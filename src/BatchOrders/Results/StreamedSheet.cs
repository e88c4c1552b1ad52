using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ClosedXML.Excel;

namespace BatchOrders.Results;

/// <summary>
/// A big sheet whose data rows are streamed into the saved workbook instead of going through ClosedXML's cell model
/// (gigabytes for 100,000 rows). ClosedXML draws the sheet with its header, widths, frozen pane, auto-filter and one
/// template row whose cells carry each style the data rows use; <see cref="StreamedWorkbook.Save"/> then replaces the
/// template row with the rows written by <see cref="WriteRows"/>, one at a time, as inline strings.
/// </summary>
internal sealed class StreamedSheet
{
    /// <summary>The template row: the row the data rows replace.</summary>
    public const int TemplateRow = 2;

    public required string Name { get; init; }

    /// <summary>The number of columns (the header's), for each row's span.</summary>
    public required int Columns { get; init; }

    /// <summary>The number of data rows <see cref="WriteRows"/> writes (counted when the widths were measured).</summary>
    public required int DataRows { get; init; }

    /// <summary>The data rows, written after the header row.</summary>
    public required Action<SheetRowWriter> WriteRows { get; init; }

    /// <summary>
    /// Puts the template cells in the template row: default, quote-prefix text, date, then one cell per state colour
    /// (in <see cref="WorkbookSheets.StateExamples"/> order). Their values never reach the saved file.
    /// </summary>
    public static void PlaceTemplate(IXLWorksheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        sheet.Cell(TemplateRow, 1).SetValue(0);
        var quoted = sheet.Cell(TemplateRow, 2);
        quoted.SetValue(0);
        quoted.Style.IncludeQuotePrefix = true;
        var date = sheet.Cell(TemplateRow, 3);
        date.SetValue(0);
        date.Style.NumberFormat.Format = WorkbookSheets.DateFormat;
        for (var i = 0; i < WorkbookSheets.StateExamples.Count; i++)
        {
            var cell = sheet.Cell(TemplateRow, 4 + i);
            cell.SetValue(0);
            WorkbookSheets.StateStyle(cell, WorkbookSheets.StateExamples[i]);
        }
    }
}

/// <summary>The style indexes of the template cells, as ClosedXML saved them.</summary>
internal sealed record TemplateStyles(string Default, string QuotePrefix, string Date, IReadOnlyList<string> States);

/// <summary>Writes the data rows of a streamed sheet as SpreadsheetML, the way ClosedXML would store the same cells.</summary>
internal sealed class SheetRowWriter
{
    private const int MaxCellText = 32_767;

    private readonly TextWriter _writer;
    private readonly string _prefix;
    private readonly string _spans;
    private readonly TemplateStyles _styles;
    private readonly List<string> _letters = [];
    private string _row = string.Empty;

    public SheetRowWriter(TextWriter writer, string prefix, int columns, TemplateStyles styles)
    {
        _writer = writer;
        _prefix = prefix;
        _spans = string.Create(CultureInfo.InvariantCulture, $"1:{columns}");
        _styles = styles;
        for (var c = 1; c <= columns; c++)
        {
            _letters.Add(XLHelper.GetColumnLetterFromNumber(c));
        }
    }

    /// <summary>The last row written (1 before any: the header).</summary>
    public int LastRow { get; private set; } = 1;

    public void StartRow()
    {
        LastRow++;
        _row = LastRow.ToString(CultureInfo.InvariantCulture);
        _writer.Write('<');
        _writer.Write(_prefix);
        _writer.Write("row r=\"");
        _writer.Write(_row);
        _writer.Write("\" spans=\"");
        _writer.Write(_spans);
        _writer.Write("\">");
    }

    public void EndRow()
    {
        _writer.Write("</");
        _writer.Write(_prefix);
        _writer.Write("row>");
    }

    /// <summary>Text, never a formula; a formula-like value gets Excel's quote prefix. Empty writes no cell.</summary>
    public void Text(int column, string? value) => Text(column, value, null);

    /// <summary>A state: text with the state's colours.</summary>
    public void State(int column, string state) => Text(column, state, _styles.States[WorkbookSheets.StateIndex(state)]);

    /// <summary>An input cell: a plain whole number as a number, anything else as text.</summary>
    public void Input(int column, string value)
    {
        if (FormulaGuard.IsCanonicalWholeNumber(value, out var number))
        {
            Number(column, number);
        }
        else
        {
            Text(column, value);
        }
    }

    public void Number(int column, long? value)
    {
        if (value is { } number)
        {
            Value(column, _styles.Default, number.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Date(int column, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            Value(column, _styles.Date, at.UtcDateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private void Text(int column, string? value, string? style)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.Length > MaxCellText)
        {
            value = string.Concat(value.AsSpan(0, MaxCellText - 1), "…");
        }

        style ??= FormulaGuard.LooksLikeFormula(value) ? _styles.QuotePrefix : _styles.Default;
        StartCell(column, style);
        _writer.Write(" t=\"inlineStr\"><");
        _writer.Write(_prefix);
        _writer.Write("is><");
        _writer.Write(_prefix);
        _writer.Write(char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) ? "t xml:space=\"preserve\">" : "t>");
        WriteEscaped(value);
        _writer.Write("</");
        _writer.Write(_prefix);
        _writer.Write("t></");
        _writer.Write(_prefix);
        _writer.Write("is></");
        _writer.Write(_prefix);
        _writer.Write("c>");
    }

    private void Value(int column, string style, string value)
    {
        StartCell(column, style);
        _writer.Write(" t=\"n\"><");
        _writer.Write(_prefix);
        _writer.Write("v>");
        _writer.Write(value);
        _writer.Write("</");
        _writer.Write(_prefix);
        _writer.Write("v></");
        _writer.Write(_prefix);
        _writer.Write("c>");
    }

    private void StartCell(int column, string style)
    {
        _writer.Write('<');
        _writer.Write(_prefix);
        _writer.Write("c r=\"");
        _writer.Write(_letters[column - 1]);
        _writer.Write(_row);
        _writer.Write("\" s=\"");
        _writer.Write(style);
        _writer.Write('"');
    }

    /// <summary>
    /// XML-escapes the text; characters XML cannot hold become <c>_xHHHH_</c>, as ClosedXML writes them (a literal
    /// <c>_xHHHH_</c> is left as it is, as ClosedXML leaves it).
    /// </summary>
    private void WriteEscaped(string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\t' or '\n' or '\r' => null,
                _ when c < 0x20 || c is '\uFFFE' or '\uFFFF' => string.Create(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_"),
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) => null,
                _ when char.IsSurrogate(c) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])) =>
                    string.Create(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_"),
                _ => null,
            };

            if (replacement is null)
            {
                continue;
            }

            _writer.Write(value.AsSpan(start, i - start));
            _writer.Write(replacement);
            start = i + 1;
        }

        _writer.Write(value.AsSpan(start));
    }
}

/// <summary>Saves a ClosedXML workbook with its streamed sheets' rows written in, straight to the output.</summary>
internal static class StreamedWorkbook
{
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static void Save(XLWorkbook workbook, IReadOnlyList<StreamedSheet> sheets, Stream output)
    {
        using var template = new MemoryStream();
        workbook.SaveAs(template);
        template.Position = 0;

        using var source = new ZipArchive(template, ZipArchiveMode.Read);
        var parts = SheetParts(source);
        var streamed = sheets.ToDictionary(s => parts[s.Name], StringComparer.Ordinal);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            using var to = copy.Open();
            if (streamed.TryGetValue(entry.FullName, out var sheet))
            {
                string xml;
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
                {
                    xml = reader.ReadToEnd();
                }

                WriteSheet(xml, sheet, to);
            }
            else
            {
                using var from = entry.Open();
                from.CopyTo(to);
            }
        }
    }

    /// <summary>Sheet name to the zip entry of its part, from the workbook part and its relationships.</summary>
    private static Dictionary<string, string> SheetParts(ZipArchive package)
    {
        XNamespace r = Relationships;
        XNamespace pr = PackageRelationships;
        var workbook = Load(package, "xl/workbook.xml");
        var rels = Load(package, "xl/_rels/workbook.xml.rels");
        var targets = rels.Root!.Elements(pr + "Relationship").ToDictionary(e => (string)e.Attribute("Id")!, e => (string)e.Attribute("Target")!, StringComparer.Ordinal);
        return workbook.Descendants().Where(e => e.Name.LocalName == "sheet").ToDictionary(
            e => (string)e.Attribute("name")!,
            e =>
            {
                var part = targets[(string)e.Attribute(r + "id")!];
                return part.StartsWith('/') ? part[1..] : "xl/" + part;
            },
            StringComparer.Ordinal);
    }

    private static XDocument Load(ZipArchive package, string name)
    {
        var entry = package.GetEntry(name) ?? throw new InvalidOperationException($"The workbook has no {name}.");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>The sheet's XML with the template row replaced by the data rows and the dimension made to fit them.</summary>
    private static void WriteSheet(string xml, StreamedSheet sheet, Stream output)
    {
        var data = xml.IndexOf("sheetData>", StringComparison.Ordinal);
        var open = xml.LastIndexOf('<', data);
        if (data < 0 || open < 0)
        {
            throw new InvalidOperationException($"The {sheet.Name} sheet has no sheetData.");
        }

        var prefix = xml[(open + 1)..data];
        var rowStart = xml.IndexOf($"<{prefix}row r=\"{StreamedSheet.TemplateRow}\"", StringComparison.Ordinal);
        var rowEnd = rowStart < 0 ? -1 : xml.IndexOf($"</{prefix}row>", rowStart, StringComparison.Ordinal);
        if (rowEnd < 0)
        {
            throw new InvalidOperationException($"The {sheet.Name} sheet has no template row.");
        }

        rowEnd += $"</{prefix}row>".Length;
        var styles = Styles(xml[rowStart..rowEnd], prefix);

        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        var rows = new SheetRowWriter(writer, prefix, sheet.Columns, styles);
        var head = xml[..rowStart];
        var tail = xml[rowEnd..];
        var dimension = $"<{prefix}dimension ref=\"";
        var at = head.IndexOf(dimension, StringComparison.Ordinal);
        if (at >= 0)
        {
            // The dimension comes before the rows; the rows were counted when the widths were measured.
            var refStart = at + dimension.Length;
            var refEnd = head.IndexOf('"', refStart);
            var lastRow = Math.Max(sheet.DataRows + 1, 1);
            head = string.Concat(head.AsSpan(0, refStart), $"A1:{XLHelper.GetColumnLetterFromNumber(sheet.Columns)}{lastRow.ToString(CultureInfo.InvariantCulture)}", head.AsSpan(refEnd));
        }

        writer.Write(head);
        sheet.WriteRows(rows);
        if (rows.LastRow != sheet.DataRows + 1)
        {
            throw new InvalidOperationException($"The {sheet.Name} sheet was measured with {sheet.DataRows} rows but {rows.LastRow - 1} were written.");
        }

        writer.Write(tail);
    }

    private static TemplateStyles Styles(string row, string prefix)
    {
        var styles = new Dictionary<int, string>();
        var at = 0;
        var marker = $"<{prefix}c r=\"";
        while ((at = row.IndexOf(marker, at, StringComparison.Ordinal)) >= 0)
        {
            var end = row.IndexOf('>', at);
            var cell = row[at..end];
            var letters = new string(cell[marker.Length..].TakeWhile(char.IsAsciiLetter).ToArray());
            var s = cell.IndexOf(" s=\"", StringComparison.Ordinal);
            styles[XLHelper.GetColumnNumberFromLetter(letters)] = s < 0 ? "0" : cell[(s + 4)..cell.IndexOf('"', s + 4)];
            at = end;
        }

        return new TemplateStyles(
            styles[1], styles[2], styles[3], [.. Enumerable.Range(0, WorkbookSheets.StateExamples.Count).Select(i => styles[4 + i])]);
    }
}
