using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace BatchOrders.Fuzzing.Mutators;

/// <summary>
/// Inputs that are large on purpose, each a few megabytes at most on disk and made in well under a second: CSV with
/// 200,000 empty lines, 20,000 columns, 5 MB cells, lines of many megabytes, 20,000 rows (the parallel checking path);
/// workbooks that are zip bombs (honest or lying about their size), sheets of millions of empty cells, 100,000 zip
/// entries, one long shared string in every cell, megabyte cells, deep nesting, a million styles, 20,000 rows.
/// </summary>
internal static class HugeInputs
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,FriendlyName";
    private const string Row = "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08,031c9e47-4802-4248-838e-778fb1d2cc05,1,Monthly,Sales";

    // 150 million empty cells (600 MB of XML) in a workbook of 1 MB, made once per process.
    private static readonly Lazy<byte[]> EmptyCellsBomb = new(() => BombWorkbook(600));

    public static IReadOnlyList<(string Name, FileKind Kind, Func<SeedCorpus, Random, FuzzInput> Make)> All { get; } =
    [
        ("csv-empty-lines", FileKind.Csv, (seeds, random) => Csv(seeds, random, text => InsertAfterFirstLine(text, new string('\n', 200_000) + (random.Next(2) == 0 ? new string(',', 5) + "\n" : string.Empty)))),
        ("csv-wide", FileKind.Csv, (seeds, random) => Csv(seeds, random, text =>
        {
            var columns = new[] { 16_384, 20_000, 32_767, 32_768, 40_000 }[random.Next(5)];
            var named = random.Next(2) == 0;
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            lines[0] += string.Concat(Enumerable.Range(0, columns).Select(i => named ? ",c" + i.ToString(CultureInfo.InvariantCulture) : ","));
            if (lines.Length > 1 && random.Next(2) == 0)
            {
                lines[1] += string.Concat(Enumerable.Repeat(",v", columns));
            }

            return string.Join("\n", lines);
        })),
        ("csv-trailing-separators", FileKind.Csv, (seeds, random) => Csv(seeds, random, text =>
            string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line + new string(',', 20_000))))),
        ("csv-5mb-cell", FileKind.Csv, (seeds, random) => Csv(seeds, random, _ =>
        {
            var cell = new string(random.Next(2) == 0 ? 'x' : 'é', 5 * 1024 * 1024);
            return $"{Header}\n{Row}\n{Row[..^5]}{(random.Next(2) == 0 ? cell : "\"" + cell + "\"")}\n{Row}\n";
        })),
        ("csv-long-line", FileKind.Csv, (seeds, random) => Csv(seeds, random, _ =>
            $"{Header}\n{Row}\n\"{new string('q', random.Next(5, 12) * 1024 * 1024)}" + (random.Next(2) == 0 ? "\"\n" + Row + "\n" : string.Empty))),
        ("csv-20k-rows", FileKind.Csv, (seeds, random) => Csv(seeds, random, text => RepeatRows(text, random, 20_000))),
        ("xlsx-declared-bomb", FileKind.Xlsx, (seeds, random) => Package(seeds, random, (parts, r) =>
        {
            var sheet = parts.Find(r, "worksheets/");
            return ZipParts.PatchDirectory(parts.Write(r), sheet, 24, 4, r.Next(2) == 0 ? 0xF000_0000 : 600L * 1024 * 1024);
        })),
        ("xlsx-empty-cells-bomb", FileKind.Xlsx, (_, _) => new FuzzInput(".xlsx", EmptyCellsBomb.Value, "generated") { Kind = FileKind.Xlsx }),
        ("xlsx-empty-cells", FileKind.Xlsx, (seeds, random) => Sheet(seeds, random, (sheet, r) =>
            InsertRows(sheet, string.Concat(Enumerable.Repeat("<row>" + string.Concat(Enumerable.Repeat(r.Next(2) == 0 ? "<c/>" : "<c s=\"0\"/>", 1_000)) + "</row>", r.Next(1_000, 5_000)))))),
        ("xlsx-far-cells", FileKind.Xlsx, (seeds, random) => Sheet(seeds, random, (sheet, r) =>
            InsertRows(sheet, string.Concat(Enumerable.Range(1, 100_000).Select(i => $"<row r=\"{i + 1_000}\"><c r=\"XFD{i + 1_000}\"/></row>"))))),
        ("xlsx-100k-entries", FileKind.Xlsx, (seeds, random) => Package(seeds, random, (parts, r) =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                parts.Entries.Add(($"xl/media/x{i}.bin", []));
            }

            return parts.Write(r);
        })),
        ("xlsx-shared-string-everywhere", FileKind.Xlsx, (seeds, random) => Package(seeds, random, (parts, r) =>
        {
            var text = new string('y', r.Next(2) == 0 ? 30_000 : 32_767);
            var rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>CustomerId</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>OfferId</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>Quantity</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>Notes</t></is></c><c r=\"E1\" t=\"inlineStr\"><is><t>More</t></is></c></row>");
            for (var i = 2; i < 6_000; i++)
            {
                rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{i}\"><c r=\"A{i}\" t=\"s\"><v>0</v></c><c r=\"B{i}\" t=\"s\"><v>0</v></c><c r=\"C{i}\"><v>1</v></c><c r=\"D{i}\" t=\"s\"><v>0</v></c><c r=\"E{i}\" t=\"s\"><v>0</v></c></row>");
            }

            return Workbook(r, rows.ToString(), $"<si><t>{text}</t></si>");
        })),
        ("xlsx-megabyte-cell", FileKind.Xlsx, (seeds, random) => Package(seeds, random, (parts, r) =>
            Workbook(r, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>CustomerId</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>OfferId</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>Quantity</t></is></c></row>" +
                $"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>{new string('b', r.Next(900_000, 3_000_000))}</t></is></c><c r=\"C2\"><v>1</v></c></row>",
                $"<si><t>{(r.Next(2) == 0 ? new string('a', r.Next(1_000_000, 4_000_000)) : "<![CDATA[" + string.Concat(Enumerable.Repeat("a<", r.Next(500_000, 2_000_000))) + "]]>")}</t></si>"))),
        ("xlsx-deep-nesting", FileKind.Xlsx, (seeds, random) => Sheet(seeds, random, (sheet, r) =>
        {
            var depth = r.Next(100_000, 400_000);
            return InsertRows(sheet, $"<row r=\"900\"><c r=\"A900\" t=\"inlineStr\"><is>{string.Concat(Enumerable.Repeat("<r>", depth))}<t>x</t>{string.Concat(Enumerable.Repeat("</r>", depth))}</is></c></row>");
        })),
        ("xlsx-million-styles", FileKind.Xlsx, (seeds, random) => Package(seeds, random, (parts, r) =>
        {
            var styles = parts.Find(r, "styles");
            var xf = r.Next(2) == 0 ? "<xf numFmtId=\"14\"/>" : "<xf numFmtId=\"164\"/>";
            var xml = $"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"{new string('0', 250)}\"/></numFmts><cellXfs>{string.Concat(Enumerable.Repeat(xf, 1_000_000))}</cellXfs></styleSheet>";
            if (styles >= 0 && parts.Entries[styles].Name.Contains("styles", StringComparison.OrdinalIgnoreCase))
            {
                parts.Entries[styles] = (parts.Entries[styles].Name, Encoding.UTF8.GetBytes(xml));
            }

            return parts.Write(r);
        })),
        ("xlsx-20k-rows", FileKind.Xlsx, (seeds, random) => Sheet(seeds, random, (sheet, r) =>
        {
            var rows = new StringBuilder();
            for (var i = 0; i < 20_000; i++)
            {
                var n = 2_000 + i;
                rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{n}\"><c r=\"A{n}\" t=\"inlineStr\"><is><t>{RandomGuid(r)}</t></is></c><c r=\"B{n}\" t=\"inlineStr\"><is><t>031c9e47-4802-4248-838e-778fb1d2cc05</t></is></c><c r=\"C{n}\"><v>{r.Next(1, 50)}</v></c></row>");
            }

            return InsertRows(sheet, rows.ToString());
        })),
    ];

    // From the input's own random source, so the input is the same bytes when it is made again to be saved.
    private static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static FuzzInput Csv(SeedCorpus seeds, Random random, Func<string, string> make)
    {
        var seed = seeds.Pick(random, FileKind.Csv);
        var text = seed.Kind == FileKind.Csv ? CsvMutations.Decode(seed.Bytes) : $"{Header}\n{Row}\n";
        return new FuzzInput(".csv", Encoding.UTF8.GetBytes(make(text)), seed.Name) { Kind = FileKind.Csv };
    }

    private static FuzzInput Package(SeedCorpus seeds, Random random, Func<ZipParts, Random, byte[]> make)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var seed = seeds.Pick(random, FileKind.Xlsx);
            if (ZipParts.Read(seed.Bytes) is { Entries.Count: > 0 } parts)
            {
                return new FuzzInput(".xlsx", make(parts, random), seed.Name) { Kind = FileKind.Xlsx };
            }
        }

        throw new InvalidOperationException("No xlsx seed is a zip.");
    }

    private static FuzzInput Sheet(SeedCorpus seeds, Random random, Func<string, Random, string> make) => Package(seeds, random, (parts, r) =>
    {
        var sheet = parts.Find(r, "worksheets/sheet1", "worksheets/");
        parts.Entries[sheet] = (parts.Entries[sheet].Name, Encoding.UTF8.GetBytes(make(Encoding.UTF8.GetString(parts.Entries[sheet].Bytes), r)));
        return parts.Write(r);
    });

    private static string InsertRows(string sheet, string rows)
    {
        var end = sheet.LastIndexOf("</sheetData>", StringComparison.Ordinal);
        end = end < 0 ? sheet.LastIndexOf(":sheetData>", StringComparison.Ordinal) is var strict and > 0 ? sheet.LastIndexOf('<', strict) : -1 : end;
        return end < 0 ? sheet + rows : sheet.Insert(end, rows);
    }

    private static string InsertAfterFirstLine(string text, string insert)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text + "\n" + insert : text.Insert(end + 1, insert);
    }

    private static string RepeatRows(string text, Random random, int rows)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        if (lines.Length < 2)
        {
            return text;
        }

        var builder = new StringBuilder(lines[0]).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var line = lines[1 + random.Next(lines.Length - 1)];
            // A customer of its own for nearly every row: the plan has thousands of orders, not 50,000 duplicates.
            builder.Append(i % 50 == 0 ? line : RandomGuid(random) + line[Math.Max(0, line.IndexOfAny([',', ';'])) ..]).Append('\n');
        }

        return builder.ToString();
    }

    private static byte[] Workbook(Random random, string sheetData, string sharedStrings)
    {
        var parts = ZipParts.Read(MinimalWorkbook())!;
        parts.Entries.Add(("xl/worksheets/sheet1.xml", Encoding.UTF8.GetBytes($"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{sheetData}</sheetData></worksheet>")));
        parts.Entries.Add(("xl/sharedStrings.xml", Encoding.UTF8.GetBytes($"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{sharedStrings}</sst>")));
        return parts.Write(random);
    }

    private static byte[] MinimalWorkbook()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Orders\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private static byte[] BombWorkbook(int megabytes)
    {
        var parts = ZipParts.Read(MinimalWorkbook())!;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts.Entries)
            {
                using var part = zip.CreateEntry(name).Open();
                part.Write(bytes);
            }

            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            sheet.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>CustomerId</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>OfferId</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>Quantity</t></is></c></row>"u8);
            var row = Encoding.UTF8.GetBytes("<row>" + string.Concat(Enumerable.Repeat("<c/>", 256)) + "</row>");
            for (long written = 0; written < megabytes * 1024L * 1024; written += row.Length)
            {
                sheet.Write(row);
            }

            sheet.Write("</sheetData></worksheet>"u8);
        }

        return buffer.ToArray();
    }
}
