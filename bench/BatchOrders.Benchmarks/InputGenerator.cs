using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BatchOrders.Benchmarks;

/// <summary>
/// Writes realistic order files from a seeded <see cref="Random"/>: the same size and seed give the same bytes, and
/// a file already generated (cached under the bench data folder, keyed by size, seed and generator version) is reused.
/// </summary>
/// <remarks>
/// Customers come in blocks of 1–7 rows (about 4 on average, so ~1 customer per 4 rows), each row a different
/// offer so the planner finds no duplicates; about 1 customer in 4 also buys an add-on into an existing order
/// (ParentSubscriptionId + OrderId). Offers are legacy GUIDs and new-commerce catalog ids; an unknown "Notes"
/// column is kept, sometimes quoted because it holds a comma. Every row is valid.
/// </remarks>
internal sealed class InputGenerator
{
    // Bump when the content changes, so cached files of an older shape are not reused.
    // 2: new-commerce rows always have a billing cycle (a cart needs one; the planner refuses the row without).
    private const int Version = 2;

    public static readonly string[] Columns =
        ["CustomerId", "OfferId", "Quantity", "BillingCycle", "FriendlyName", "ParentSubscriptionId", "OrderId", "Notes"];

    private static readonly (string Id, string Name)[] BaseOffers =
    [
        ("CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM", "Microsoft 365 E3"),
        ("CFQ7TTC0LDPB:0001:CFQ7TTC0K5BF", "Microsoft 365 Business Premium"),
        ("CFQ7TTC0LFLX:0001:CFQ7TTC0K1BD", "Microsoft 365 E5"),
        ("CFQ7TTC0LH18:0001:CFQ7TTC0KDN7", "Microsoft 365 Business Standard"),
        ("CFQ7TTC0LFK5:0002:CFQ7TTC0K4WV", "Exchange Online (Plan 1)"),
        ("031C9E47-4802-4248-838E-778FB1D2CC05", "Office 365 E3"),
        ("91FD106F-4B2C-4938-95AC-F54F74E9A239", "Office 365 E1"),
        ("5C01E314-F629-4A63-9EBF-18E206F42318", "Power BI Pro"),
    ];

    private static readonly (string Id, string Name)[] AddOnOffers =
    [
        ("CFQ7TTC0LHWM:0001:CFQ7TTC0KNWB", "Microsoft Teams Audio Conferencing"),
        ("7E230536-184B-4C85-80D1-3A0428164520", "Visio Plan 2 add-on"),
    ];

    private static readonly string[] Departments = ["Sales", "Finance", "HR", "IT", "Operations", "Legal", "Marketing", "Support"];

    private static readonly string[] Notes =
        ["", "", "", "PO 4711", "renewal, see ticket", "migrated from legacy", "approved by J. Smith", "Q3 true-up"];

    private readonly string _folder;

    public InputGenerator(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>The default data folder: beside other temporary files, shared by every worktree of this machine.</summary>
    public static string DefaultFolder => Path.Combine(Path.GetTempPath(), "batchorders-bench");

    public string Csv(int rows, int seed) => Cached($"orders-{rows}-s{seed}-v{Version}.csv", path => WriteCsv(path, rows, seed));

    public string Xlsx(int rows, int seed) => Cached($"orders-{rows}-s{seed}-v{Version}.xlsx", path => WriteXlsx(path, rows, seed, sharedStrings: true));

    /// <summary>The same workbook with its text in inline strings (as some exporters write it), no shared string table.</summary>
    public string XlsxInline(int rows, int seed) => Cached($"orders-{rows}-s{seed}-v{Version}-inline.xlsx", path => WriteXlsx(path, rows, seed, sharedStrings: false));

    /// <summary>
    /// Orders the sandbox accepts: one order per customer (a fresh GUID each), 1–3 line items of distinct offers
    /// from the sandbox's seeded catalog, monthly. For the submission suites and the chaos harness.
    /// </summary>
    public string SandboxCsv(int orders, int seed, int maxLines = 3) =>
        Cached($"sandbox-orders-{orders}{(maxLines == 3 ? string.Empty : $"x{maxLines}")}-s{seed}-v{Version}.csv", path => SandboxOrderFiles.WritePlain(path, orders, seed, maxLines));

    /// <summary>
    /// A mixed batch the sandbox accepts: new-commerce rows (bought through carts), legacy rows (orders API), customers
    /// with rows on both paths, and add-ons PATCHed into the sandbox's existing orders (see <see cref="SandboxOrderFiles"/>).
    /// </summary>
    public string MixedCsv(int orders, int seed) =>
        Cached($"mixed-orders-{orders}-s{seed}-v{Version}.{SandboxOrderFiles.MixedVersion}.csv", path => SandboxOrderFiles.WriteMixed(path, orders, seed));

    /// <summary>
    /// The journal of <see cref="SandboxCsv"/> (one line per order) after a run in which every order succeeded, built
    /// through the journal's API (synchronised, then each order marked succeeded) and cached like the inputs.
    /// </summary>
    public (string Csv, string Journal) FinishedJournal(int orders, int seed)
    {
        var csv = SandboxCsv(orders, seed, maxLines: 1);
        var journal = Cached($"finished-{orders}-s{seed}-v{Version}.journal.db", path => FinishedJournalBuilder.Build(csv, path));
        return (csv, journal);
    }

    private string Cached(string name, Action<string> write)
    {
        var path = Path.Combine(_folder, name);
        if (File.Exists(path))
        {
            return path;
        }

        // Written under a temporary name and renamed, so an interrupted run never leaves a half file to be reused.
        var temporary = path + ".tmp";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>The rows of a file: every cell as text, and whether Quantity is a number (written as one in xlsx).</summary>
    public static IEnumerable<string[]> Rows(int rows, int seed)
    {
        var random = new Random(seed);
        var written = 0;
        var offers = new int[BaseOffers.Length];
        while (written < rows)
        {
            var customer = NewGuid(random).ToString("D");
            var company = $"Contoso {random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture)}";
            var count = random.Next(1, 8);
            for (var i = 0; i < offers.Length; i++)
            {
                offers[i] = i;
            }

            random.Shuffle(offers);
            for (var i = 0; i < count && written < rows; i++, written++)
            {
                var (id, name) = BaseOffers[offers[i]];
                yield return
                [
                    customer,
                    id,
                    Quantity(random),
                    CycleFor(id, random),
                    random.Next(10) == 0 ? string.Empty : $"{name} - {Departments[random.Next(Departments.Length)]} ({company})",
                    string.Empty,
                    string.Empty,
                    Notes[random.Next(Notes.Length)],
                ];
            }

            if (random.Next(4) == 0 && written < rows)
            {
                var (id, name) = AddOnOffers[random.Next(AddOnOffers.Length)];
                written++;
                yield return
                [
                    customer,
                    id,
                    Quantity(random),
                    "Monthly",
                    $"{name} ({company})",
                    NewGuid(random).ToString("D"),
                    OrderId(random),
                    Notes[random.Next(Notes.Length)],
                ];
            }
        }
    }

    private static void WriteCsv(string path, int rows, int seed)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(',', Columns));
        var line = new StringBuilder(256);
        foreach (var row in Rows(rows, seed))
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                var value = row[i];
                if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                {
                    line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    line.Append(value);
                }
            }

            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// Streams the workbook with <see cref="OpenXmlWriter"/> as Excel saves it: text in a shared string table,
    /// Quantity as a number, cell references on every cell, a minimal style sheet.
    /// </summary>
    private static void WriteXlsx(string path, int rows, int seed, bool sharedStrings)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var stringList = new List<string>();
        var references = 0;

        using (var writer = OpenXmlWriter.Create(worksheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            var rowNumber = 1;
            WriteRow(writer, rowNumber, Columns, numberColumn: -1);
            foreach (var row in Rows(rows, seed))
            {
                WriteRow(writer, ++rowNumber, row, numberColumn: 2);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        if (sharedStrings)
        {
            WriteSharedStrings(workbookPart.AddNewPart<SharedStringTablePart>(), stringList, references);
        }

        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(new CellFormat()) { Count = 1 });

        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Name = "Orders", SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) }));
        workbookPart.Workbook.Save();

        void WriteRow(OpenXmlWriter writer, int number, string[] cells, int numberColumn)
        {
            var r = number.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, r)]);
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].Length == 0)
                {
                    continue;
                }

                var reference = new OpenXmlAttribute("r", string.Empty, string.Concat(ColumnLetter(i), r));
                if (i == numberColumn)
                {
                    writer.WriteStartElement(new Cell(), [reference]);
                    writer.WriteElement(new CellValue(cells[i]));
                }
                else if (!sharedStrings)
                {
                    writer.WriteStartElement(new Cell(), [reference, new OpenXmlAttribute("t", string.Empty, "inlineStr")]);
                    writer.WriteStartElement(new InlineString());
                    writer.WriteElement(new Text(cells[i]));
                    writer.WriteEndElement();
                }
                else
                {
                    if (!strings.TryGetValue(cells[i], out var index))
                    {
                        index = stringList.Count;
                        strings.Add(cells[i], index);
                        stringList.Add(cells[i]);
                    }

                    references++;
                    writer.WriteStartElement(new Cell(), [reference, new OpenXmlAttribute("t", string.Empty, "s")]);
                    writer.WriteElement(new CellValue(index.ToString(CultureInfo.InvariantCulture)));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }
    }

    private static void WriteSharedStrings(SharedStringTablePart part, List<string> strings, int references)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new SharedStringTable(), [
            new OpenXmlAttribute("count", string.Empty, references.ToString(CultureInfo.InvariantCulture)),
            new OpenXmlAttribute("uniqueCount", string.Empty, strings.Count.ToString(CultureInfo.InvariantCulture)),
        ]);
        foreach (var text in strings)
        {
            writer.WriteStartElement(new SharedStringItem());
            writer.WriteElement(new Text(text));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static string ColumnLetter(int index) => ((char)('A' + index)).ToString();

    internal static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Quantity(Random random) =>
        (random.Next(3) == 0 ? random.Next(1, 500) : random.Next(1, 26)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A row's billing cycle: sometimes none for a legacy offer (its default), always one for a catalog id.</summary>
    private static string CycleFor(string offerId, Random random)
    {
        var cycle = Cycle(random);
        return cycle.Length == 0 && offerId.Contains(':', StringComparison.Ordinal) ? "Annual" : cycle;
    }

    private static string Cycle(Random random) => random.Next(10) switch
    {
        0 => string.Empty,
        < 6 => "Monthly",
        _ => "Annual",
    };

    private static string OrderId(Random random)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> id = stackalloc char[32];
        "Cs_".CopyTo(id);
        for (var i = 3; i < id.Length; i++)
        {
            id[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(id);
    }
}
