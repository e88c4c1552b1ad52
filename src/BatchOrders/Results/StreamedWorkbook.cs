using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using ClosedXML.Excel;

namespace BatchOrders.Results;

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
            styles[1], styles[2], styles[3], [.. Enumerable.Range(0, StateColours.Examples.Count).Select(i => styles[4 + i])]);
    }
}
