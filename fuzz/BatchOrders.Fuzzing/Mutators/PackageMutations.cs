using System.Text;
using System.Text.RegularExpressions;

namespace BatchOrders.Fuzzing.Mutators;

/// <summary>
/// Changes to a workbook package and its XML parts, zipped again validly: parts removed, repeated, renamed or
/// swapped; the zip's directory lying about sizes, methods and flags; and inside the parts, attributes and values at
/// their edges (references past XFD and row 1,048,576, style and string indexes out of range, numbers shown as dates
/// past 9999), elements repeated, removed or nested deep, DTDs with entity expansion, CDATA, comments, date formats and
/// unknown format codes, the 1904 date system, namespaces changed, bytes changed inside a part.
/// </summary>
internal static partial class PackageMutations
{
    private static readonly string[] CellTypes = ["s", "n", "b", "e", "str", "inlineStr", "d", "", "x", "S"];

    private static readonly string[] FormatCodes =
    [
        "yyyy-mm-dd", "d-mmm-yy", "h:mm", "[h]:mm:ss", "mm:ss.0", "yyyy-mm-dd hh:mm:ss", "[>=]0", "[=-]0", "0.00E+00", "@", "General", "\"", "[",
        "[$-F800]dddd, mmmm dd, yyyy", "[Red][<100]0;[Blue]0", "# ?/?", "[DBNum1]", "yyyy\\", "[ss].000000000000000000000000", "ee/mm/dd", "B2yyyy",
    ];

    private static readonly string[] Targets =
    [
        "worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml", "../xl/workbook.xml", "../../../../etc/passwd", "", "sharedStrings.xml", "styles.xml",
        "worksheets/sheet999.xml", "C:\\x.xml", "worksheets%2Fsheet1.xml", "http://example.com/x", "worksheets/../worksheets/sheet1.xml",
    ];

    private static readonly string[] RelationshipTypes =
    [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet",
        "x", "",
    ];

    public static IReadOnlyList<Mutation> Package { get; } =
    [
        new("part-delete", (bytes, random) => Parts(bytes, random, (parts, r) => parts.Entries.RemoveAt(r.Next(parts.Entries.Count)))),
        new("part-duplicate", (bytes, random) => Parts(bytes, random, (parts, r) =>
        {
            var entry = parts.Entries[r.Next(parts.Entries.Count)];
            parts.Entries.Insert(r.Next(parts.Entries.Count + 1), r.Next(2) == 0 ? entry : (entry.Name, Mutate(entry.Bytes, r)));
        })),
        new("part-rename", (bytes, random) => Parts(bytes, random, (parts, r) =>
        {
            var at = r.Next(parts.Entries.Count);
            var name = parts.Entries[at].Name;
            parts.Entries[at] = (r.Next(5) switch
            {
                0 => name.ToUpperInvariant(),
                1 => name.Replace('/', '\\'),
                2 => "/" + name,
                3 => name + "x",
                _ => parts.Entries[r.Next(parts.Entries.Count)].Name,
            }, parts.Entries[at].Bytes);
        })),
        new("part-swap", (bytes, random) => Parts(bytes, random, (parts, r) =>
        {
            var (a, b) = (r.Next(parts.Entries.Count), r.Next(parts.Entries.Count));
            (parts.Entries[a], parts.Entries[b]) = ((parts.Entries[a].Name, parts.Entries[b].Bytes), (parts.Entries[b].Name, parts.Entries[a].Bytes));
        })),
        new("part-bytes", (bytes, random) => Parts(bytes, random, (parts, r) =>
        {
            var at = parts.Find(r, "sheet", "sharedStrings", "styles", "workbook");
            parts.Entries[at] = (parts.Entries[at].Name, Mutate(parts.Entries[at].Bytes, r));
        })),
        new("zip-size", (bytes, random) => Directory(bytes, random, (zip, nth, r) => ZipParts.PatchDirectory(zip, nth, r.Next(2) == 0 ? 24 : 20, 4,
            r.Next(6) switch { 0 => 0, 1 => 1, 2 => 0xFFFF_FFFF, 3 => 600L * 1024 * 1024, 4 => 0x7FFF_FFFF, _ => r.Next(1, 100_000) }))),
        new("zip-method", (bytes, random) => Directory(bytes, random, (zip, nth, r) => ZipParts.PatchDirectory(zip, nth, 10, 2, new long[] { 0, 1, 6, 9, 12, 14, 93, 98, 99 }[r.Next(9)]))),
        new("zip-flags", (bytes, random) => Directory(bytes, random, (zip, nth, r) => ZipParts.PatchDirectory(zip, nth, 8, 2, new long[] { 1, 8, 0x41, 0x2000, 0xFFFF }[r.Next(5)]))),
        new("zip-offset", (bytes, random) => Directory(bytes, random, (zip, nth, r) => ZipParts.PatchDirectory(zip, nth, 42, 4, r.Next(3) switch { 0 => 0, 1 => zip.Length, _ => r.Next(zip.Length) }))),
        new("xml-attribute", (bytes, random) => Xml(bytes, random, Attribute)),
        new("xml-value", (bytes, random) => Xml(bytes, random, Value)),
        new("xml-element-repeat", (bytes, random) => Xml(bytes, random, (xml, r) => Element(xml, r, (element, rr) => string.Concat(Enumerable.Repeat(element, rr.Next(2, rr.Next(2) == 0 ? 8 : 300)))))),
        new("xml-element-delete", (bytes, random) => Xml(bytes, random, (xml, r) => Element(xml, r, (_, _) => string.Empty))),
        new("xml-nesting", (bytes, random) => Xml(bytes, random, (xml, r) =>
        {
            var depth = r.Next(3) == 0 ? r.Next(10_000, 60_000) : r.Next(10, 500);
            var at = InsideAnElement(xml, r);
            return at < 0 ? null : xml.Insert(at, string.Concat(Enumerable.Repeat("<t>", depth)) + "deep" + string.Concat(Enumerable.Repeat("</t>", depth)));
        })),
        new("xml-dtd", (bytes, random) => Xml(bytes, random, (xml, r) =>
        {
            var laughs = "<!DOCTYPE x [<!ENTITY a \"lollollollollol\">" + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY a{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&a;" : $"&a{i - 1};", 10))}\">")) + "]>";
            var body = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..] : xml;
            var declaration = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[..(xml.IndexOf("?>", StringComparison.Ordinal) + 2)] : string.Empty;
            return declaration + (r.Next(2) == 0 ? laughs : "<!DOCTYPE x SYSTEM \"http://example.com/x.dtd\">") + body.Replace("<t>", r.Next(2) == 0 ? "<t>&a9;" : "<t>", StringComparison.Ordinal);
        })),
        new("xml-markup", (bytes, random) => Xml(bytes, random, (xml, r) =>
        {
            var at = InsideAnElement(xml, r);
            string[] markup = ["<![CDATA[x<y]]>", "<!-- c -->", "<?pi x?>", "<![CDATA[" + new string('z', r.Next(1, 200_000)) + "]]>", "&#1;", "&#xD800;", "&#99999999;", "&nbsp;", "&", "&amp;", "\u0001"];
            return at < 0 ? null : xml.Insert(at, markup[r.Next(markup.Length)]);
        })),
        new("xml-cell-type", (bytes, random) => Xml(bytes, random, (xml, r) => Replace(xml, CellElement(), r, m =>
            m.Value.Contains(" t=\"", StringComparison.Ordinal)
                ? CellTypeAttribute().Replace(m.Value, $" t=\"{CellTypes[r.Next(CellTypes.Length)]}\"", 1)
                : m.Value.Insert(2, $" t=\"{CellTypes[r.Next(CellTypes.Length)]}\"")))),
        new("xml-far-cell", (bytes, random) => Xml(bytes, random, (xml, r) =>
        {
            var at = xml.IndexOf("</row>", r.Next(Math.Max(1, xml.Length)) % Math.Max(1, xml.Length), StringComparison.Ordinal);
            at = at < 0 ? xml.IndexOf("</row>", StringComparison.Ordinal) : at;
            return at < 0 ? null : xml.Insert(at, r.Next(2) == 0
                ? $"<c r=\"{InterestingValues.Reference(r)}\"><v>{InterestingValues.Number(r)}</v></c>"
                : $"<c r=\"{InterestingValues.Reference(r)}\" t=\"inlineStr\"><is><t>{Escape(InterestingValues.Text(r))}</t></is></c>");
        })),
        new("xml-date-styles", (bytes, random) => Xml(bytes, random, (xml, r) =>
        {
            if (!xml.Contains("cellXfs", StringComparison.Ordinal))
            {
                return null;
            }

            // Every style shows numbers as a date (or a time, or a custom code): quantities become serial dates.
            var id = r.Next(2) == 0 ? new[] { 14, 15, 22, 20, 46, 47 }[r.Next(6)] : 164 + r.Next(3);
            var code = Escape(FormatCodes[r.Next(FormatCodes.Length)]);
            xml = XfFormat().Replace(xml, $"numFmtId=\"{id}\"");
            return xml.Contains("<numFmts", StringComparison.Ordinal)
                ? NumFmts().Replace(xml, $"$0<numFmt numFmtId=\"{id}\" formatCode=\"{code}\"/>", 1)
                : StyleSheetStart().Replace(xml, $"$0<numFmts count=\"1\"><numFmt numFmtId=\"{id}\" formatCode=\"{code}\"/></numFmts>", 1);
        })),
        new("xml-1904", (bytes, random) => Xml(bytes, random, (xml, r) => xml.Contains("<sheets", StringComparison.Ordinal)
            ? xml.Replace("<sheets", $"<workbookPr date1904=\"{(r.Next(2) == 0 ? "1" : "true")}\"/><sheets", StringComparison.Ordinal)
            : null)),
        new("xml-namespace", (bytes, random) => Xml(bytes, random, (xml, r) => r.Next(3) switch
        {
            0 => xml.Replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main", StringComparison.Ordinal),
            1 => DefaultNamespace().Replace(xml, string.Empty, 1),
            _ => xml.Replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "urn:x", StringComparison.Ordinal),
        })),
        new("xml-truncate", (bytes, random) => Xml(bytes, random, (xml, r) => xml[..r.Next(xml.Length + 1)])),
        new("xml-encoding", (bytes, random) => Parts(bytes, random, (parts, r) =>
        {
            var at = parts.Find(r, "sheet", "sharedStrings", "workbook.xml");
            var xml = Encoding.UTF8.GetString(parts.Entries[at].Bytes);
            parts.Entries[at] = (parts.Entries[at].Name, r.Next(3) switch
            {
                0 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml.Replace("UTF-8", "UTF-16", StringComparison.OrdinalIgnoreCase))],
                1 => Encoding.UTF8.GetBytes(xml.Replace("UTF-8", "UTF-16", StringComparison.OrdinalIgnoreCase)),
                _ => Encoding.Latin1.GetBytes(xml.Replace("UTF-8", "ISO-8859-1", StringComparison.OrdinalIgnoreCase)),
            });
        })),
    ];

    /// <summary>A random byte-level change, for a part's bytes.</summary>
    public static byte[] Mutate(byte[] bytes, Random random)
    {
        var mutations = ByteMutations.All;
        return mutations[random.Next(mutations.Count)].Apply(bytes, random) ?? bytes;
    }

    public static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;

    private static byte[]? Parts(byte[] bytes, Random random, Action<ZipParts, Random> change)
    {
        if (ZipParts.Read(bytes) is not { Entries.Count: > 0 } parts)
        {
            return null;
        }

        change(parts, random);
        return parts.Write(random);
    }

    private static byte[]? Directory(byte[] bytes, Random random, Func<byte[], int, Random, byte[]> patch)
    {
        if (ZipParts.Read(bytes) is not { Entries.Count: > 0 } parts)
        {
            return null;
        }

        // The sheet is the likeliest part to matter: patch it more often than the rest.
        var nth = random.Next(2) == 0 ? parts.Find(random, "worksheets/", "sheet") : random.Next(parts.Entries.Count);
        return patch(parts.Write(random), nth, random);
    }

    private static byte[]? Xml(byte[] bytes, Random random, Func<string, Random, string?> change)
    {
        if (ZipParts.Read(bytes) is not { Entries.Count: > 0 } parts)
        {
            return null;
        }

        var at = random.Next(10) switch
        {
            < 5 => parts.Find(random, "worksheets/"),
            5 => parts.Find(random, "sharedStrings"),
            6 => parts.Find(random, "styles"),
            7 => parts.Find(random, "workbook.xml"),
            _ => parts.Find(random, ".rels", "[Content_Types]"),
        };
        var (name, content) = parts.Entries[at];
        if (!name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (change(Encoding.UTF8.GetString(content), random) is not { } xml)
        {
            return null;
        }

        parts.Entries[at] = (name, Encoding.UTF8.GetBytes(xml));
        return parts.Write(random);
    }

    private static string? Attribute(string xml, Random random) => Replace(xml, AttributePattern(), random, m =>
    {
        var name = m.Groups["name"].Value;
        var value = name switch
        {
            "r" when m.Value.Contains("r=\"", StringComparison.Ordinal) => random.Next(2) == 0 ? InterestingValues.Reference(random) : InterestingValues.Integer(random).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "s" or "numFmtId" or "count" or "uniqueCount" or "sheetId" or "xfId" or "fontId" => InterestingValues.Integer(random).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "t" => CellTypes[random.Next(CellTypes.Length)],
            "formatCode" => FormatCodes[random.Next(FormatCodes.Length)],
            "Target" => Targets[random.Next(Targets.Length)],
            "Type" => RelationshipTypes[random.Next(RelationshipTypes.Length)],
            "ref" or "sqref" => $"A1:{InterestingValues.Reference(random)}",
            _ => InterestingValues.Any(random),
        };
        return $"{name}=\"{Escape(value)}\"";
    });

    private static string? Value(string xml, Random random) => Replace(xml, ValuePattern(), random, m =>
    {
        var value = m.Groups["tag"].Value == "v" && random.Next(3) != 0 ? InterestingValues.Number(random) : InterestingValues.Text(random);
        return $"<{m.Groups["open"].Value}>{(random.Next(8) == 0 ? $"<![CDATA[{value.Replace("]]>", "]] >", StringComparison.Ordinal)}]]>" : Escape(value))}</{m.Groups["close"].Value}>";
    });

    private static string? Element(string xml, Random random, Func<string, Random, string> change) => Replace(xml, ElementPattern(), random, m => change(m.Value, random));

    private static string? Replace(string xml, Regex pattern, Random random, Func<Match, string> change)
    {
        // The first 2,000 matches are enough to choose from, and a large part does not cost a match per cell.
        var matches = pattern.Matches(xml).Take(2_000).ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var match = matches[random.Next(matches.Count)];
        return string.Concat(xml.AsSpan(0, match.Index), change(match), xml.AsSpan(match.Index + match.Length));
    }

    private static int InsideAnElement(string xml, Random random)
    {
        var matches = ValuePattern().Matches(xml).Take(2_000).ToList();
        if (matches.Count == 0)
        {
            return -1;
        }

        var match = matches[random.Next(matches.Count)];
        return match.Index + match.Groups["open"].Length + 2;
    }

    [GeneratedRegex("(?<name>[A-Za-z:]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex AttributePattern();

    [GeneratedRegex("<(?<open>(?:\\w+:)?(?<tag>v|t|f))(?: [^>]*)?>(?<text>[^<]*)</(?<close>(?:\\w+:)?\\k<tag>)>")]
    private static partial Regex ValuePattern();

    [GeneratedRegex("<((?:\\w+:)?(?:row|c|si|xf|sheet|Relationship|numFmt|Override))\\b[^>]*?(?:/>|>.*?</\\1>)", RegexOptions.Singleline)]
    private static partial Regex ElementPattern();

    [GeneratedRegex("<(?:\\w+:)?c\\b[^>]*>")]
    private static partial Regex CellElement();

    [GeneratedRegex(" t=\"[^\"]*\"")]
    private static partial Regex CellTypeAttribute();

    [GeneratedRegex("numFmtId=\"\\d+\"")]
    private static partial Regex XfFormat();

    [GeneratedRegex("<(?:\\w+:)?numFmts\\b[^>]*>")]
    private static partial Regex NumFmts();

    [GeneratedRegex("<(?:\\w+:)?styleSheet\\b[^>]*>")]
    private static partial Regex StyleSheetStart();

    [GeneratedRegex(" xmlns=\"[^\"]*\"")]
    private static partial Regex DefaultNamespace();
}
