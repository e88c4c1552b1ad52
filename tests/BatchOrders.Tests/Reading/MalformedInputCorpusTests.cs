using System.Text;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using static BatchOrders.Tests.Support.RawXlsx;

namespace BatchOrders.Tests.Reading;

/// <summary>
/// A corpus of malformed inputs, each with the message a user must see and the place it must name.
/// File-level cases expect one <see cref="InputFileProblem"/>; cell-level cases expect a <see cref="RowError"/>
/// at a given sheet, row and column, and no other row to be lost.
/// </summary>
public sealed class MalformedInputCorpusTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration,ParentSubscriptionId,OrderId,PartnerIdOnRecord,FriendlyName";
    private static readonly string Valid = Line(Rows.Customer, Rows.E3, "1");

    private static readonly Dictionary<string, MalformedCase> Cases = new MalformedCase[]
    {
        // The file as a whole.
        File("missing file", f => f.File("nope.csv"), "was not found"),
        File("folder instead of a file", f => f.Path, "is a folder"),
        File("empty file", f => f.WriteText("empty.csv", string.Empty), "The file is empty."),
        File("only blank lines", f => f.WriteText("blank.csv", "\n\n  \n;;\n"), "is empty: it has no header row"),
        File("header only", f => f.WriteText("header.csv", Header + "\n"), "has a header row (row 1) but no data rows"),
        File("missing required column", f => f.WriteText("noqty.csv", Rows.Csv("CustomerId,OfferId,Notes", $"{Rows.Customer},{Rows.E3},x")),
            "The required column Quantity is missing. Columns found: 'CustomerId', 'OfferId', 'Notes'."),
        File("missing two required columns", f => f.WriteText("nooffer.csv", Rows.Csv("Customer ID,Seatz", $"{Rows.Customer},1")),
            "The required columns OfferId and Quantity are missing. Columns found: 'Customer ID', 'Seatz'."),
        File("no header row", f => f.WriteText("noheader.csv", Rows.Csv(Valid, Valid)),
            "has no header row: none of its first 2 non-blank rows names the columns"),
        File("two columns mean the same", f => f.WriteText("twice.csv", Rows.Csv("CustomerId,OfferId,Qty,Quantity", $"{Rows.Customer},{Rows.E3},1,1")),
            "columns C ('Qty') and D ('Quantity') both mean Quantity"),
        File("csv renamed to xlsx", f => f.WriteText("renamed.xlsx", Rows.Csv(Header, Valid)),
            "looks like a CSV file that was renamed"),
        File("xlsx renamed to csv", f => f.WriteBytes("renamed.csv", new RawXlsx().Sheet("Orders", ["CustomerId"]).ToBytes()),
            "is an Excel workbook: rename it to .xlsx"),
        File("corrupt workbook", f => f.WriteBytes("corrupt.xlsx", [0x50, 0x4B, 0x03, 0x04, .. Encoding.ASCII.GetBytes("this is no zip archive at all, just bytes")]),
            "The workbook is damaged or is not a real .xlsx file"),
        File("zip that is not a workbook", f => f.WriteBytes("notworkbook.xlsx", ZipWith("hello.txt", "hi")),
            "The workbook is damaged or is not a real .xlsx file"),
        File("password-protected workbook", f => f.WriteBytes("locked.xlsx", OleContainer(withEncryption: true)),
            "protected with a password"),
        File("damaged xls named xlsx", f => f.WriteBytes("old.xlsx", OleContainer(withEncryption: false)),
            "The workbook is damaged or is not a real .xlsx file"),
        File("damaged xls", f => f.WriteBytes("old.xls", OleContainer(withEncryption: false)),
            "The workbook is damaged or is not a real .xls file"),
        File("unsupported extension", f => f.WriteText("orders.pdf", "%PDF-1.7"),
            "Files of type .pdf are not supported: use a .csv, .xlsx, .xlsb or .xls file."),
        File("no extension", f => f.WriteText("orders", Rows.Csv(Header, Valid)), "has no extension"),
        File("sheet that does not exist", f => f.WriteBytes("sheets.xlsx", new RawXlsx().Sheet("Orders", ["CustomerId"]).Sheet("Notes", ["x"]).ToBytes()),
            "The workbook has no sheet named 'Wave 9'. Its sheets are: 'Orders', 'Notes'.", Options: new ReadOptions { Sheet = "Wave 9" }),
        File("empty sheet", f => f.WriteBytes("emptysheet.xlsx", new RawXlsx().Sheet("Orders", string.Empty).ToBytes()),
            "Sheet 'Orders' is empty"),
        File("oversized file", f => f.WriteText("big.csv", Rows.Csv(Header, Valid, Valid, Valid)),
            "BatchOrders reads at once: split it", Options: new ReadOptions { MaxFileBytes = 64 }),
        File("more rows than allowed", f => f.WriteText("rows.csv", Rows.Csv(Header, Valid, Valid, Valid, Valid)),
            "has more than 3 data rows", Options: new ReadOptions { MaxRows = 3 }),

        // One cell or one row.
        Cell("customer id not a guid", Line("Contoso Ltd", Rows.E3, "1"), "CustomerId", "'Contoso Ltd' is not a customer tenant id: expected a GUID"),
        Cell("customer id empty", Line(string.Empty, Rows.E3, "1"), "CustomerId", "CustomerId is empty: every row needs a customer tenant id"),
        Cell("customer id all zeros", Line(Guid.Empty.ToString(), Rows.E3, "1"), "CustomerId", "The all-zero GUID is not a customer tenant id"),
        Cell("offer name instead of id", Line(Rows.Customer, "Office 365 E3", "1"), "OfferId", "'Office 365 E3' is not an offer id"),
        Cell("offer id empty", Line(Rows.Customer, string.Empty, "1"), "OfferId", "OfferId is empty"),
        Cell("quantity empty", Line(Rows.Customer, Rows.E3, string.Empty), "Quantity", "Quantity is empty: enter a whole number of licences, 1 or more."),
        Cell("quantity text", Line(Rows.Customer, Rows.E3, "ten"), "Quantity", "'ten' is not a number"),
        Cell("quantity fraction", Line(Rows.Customer, Rows.E3, "2.5"), "Quantity", "'2.5' is not a whole number"),
        Cell("quantity zero", Line(Rows.Customer, Rows.E3, "0"), "Quantity", "Quantity 0 is less than 1"),
        Cell("quantity negative", Line(Rows.Customer, Rows.E3, "-3"), "Quantity", "Quantity -3 is less than 1"),
        Cell("quantity with thousands separator", Line(Rows.Customer, Rows.E3, "\"1,500\""), "Quantity", "'1,500' is ambiguous", Value: "1,500"),
        Cell("quantity too large", Line(Rows.Customer, Rows.E3, "99999999999"), "Quantity", "'99999999999' is too large for a quantity"),
        Cell("billing cycle unknown", Line(Rows.Customer, Rows.E3, "1", cycle: "Quarterly"), "BillingCycle", "'Quarterly' is not a billing cycle: use Monthly, Annual, None, OneTime, Triennial, Biennial"),
        Cell("term in words", Line(Rows.Customer, Rows.CatalogId, "1", term: "1 year"), "TermDuration", "'1 year' is not an ISO 8601 duration: use P1M"),
        Cell("parent subscription not a guid", Line(Rows.Customer, Rows.MyAnalytics, "1", parent: "E3-sub", order: Rows.ExistingOrder), "ParentSubscriptionId", "'E3-sub' is not a subscription id"),
        Cell("order id without a parent", Line(Rows.Customer, Rows.MyAnalytics, "1", order: Rows.ExistingOrder), "ParentSubscriptionId", "OrderId adds to an existing order, which is only for add-ons"),
        Cell("order id with a slash", Line(Rows.Customer, Rows.MyAnalytics, "1", parent: Rows.Subscription, order: "Cs_abc/../x"), "OrderId", "'Cs_abc/../x' is not an order id"),
        Cell("partner id with letters", Line(Rows.Customer, Rows.E3, "1", partner: "MPN-123"), "PartnerIdOnRecord", "'MPN-123' is not a partner id"),
        Cell("cell longer than excel allows", Line(Rows.Customer, Rows.E3, "1", name: new string('x', 40_000)), "FriendlyName", "The value is 40,000 characters long; a cell holds at most 32,767.", Value: new string('x', 40) + "…"),
        new("unclosed quote", f => f.WriteText("quote.csv", $"{Header}\n{Valid}\n{Rows.Customer},{Rows.E3},1,Monthly,,,,,\"Sales\n{Valid}\n"),
            "A quoted value that starts in this row is never closed", Row: 3, Column: null, Value: null),
        new("duplicate offer for a customer", f => f.WriteText("dupe.csv", Rows.Csv(Header, Valid, Line(Rows.Customer, Rows.E1, "1"), Line(Rows.Customer, Rows.E3.ToUpperInvariant(), "4"))),
            "is already ordered for customer 46a62ece-10ad-42e5-b3f1-b2ed53e6fc08 with the default billing cycle on row 2", Row: 4, Column: "OfferId", Value: Rows.E3),
        // Workbooks of every format.
        File("workbook with its own password", f => f.WriteBytes("secret.xlsx", EncryptedWorkbook.Encrypt(new RawXlsx().Sheet("Orders", ["CustomerId"]).ToBytes(), "s3cret")),
            "The workbook is protected with a password, so it cannot be read."),
        File("xlsb without a workbook", f => f.WriteBytes("notworkbook.xlsb", ZipWith("hello.txt", "hi")),
            "The workbook is damaged or is not a real .xlsb file"),
        File("csv renamed to xlsb", f => f.WriteText("renamed.xlsb", Rows.Csv(Header, Valid)), "looks like a CSV file that was renamed"),
        File("csv renamed to xls", f => f.WriteText("renamed.xls", Rows.Csv(Header, Valid)), "looks like a CSV file that was renamed"),
        File("xls sheet that does not exist", f => f.WriteBytes("sheets.xls", new RawXls().Sheet("Orders", OrderRows(RawCell.Number(1))).ToBytes()),
            "The workbook has no sheet named 'Wave 9'. Its sheets are: 'Orders'.", Options: new ReadOptions { Sheet = "Wave 9" }),
        File("xlsb sheet that does not exist", f => f.WriteBytes("sheets.xlsb", new RawXlsb().Sheet("Orders", OrderRows(RawCell.Number(1))).ToBytes()),
            "The workbook has no sheet named 'Wave 9'. Its sheets are: 'Orders'.", Options: new ReadOptions { Sheet = "Wave 9" }),
        File("chart sheet chosen", f => f.WriteBytes("chart.xlsx", ChartSheetWorkbook()),
            "Sheet 'Chart1' is not a worksheet (it may be a chart sheet): choose another with --sheet.", Options: new ReadOptions { Sheet = "Chart1" }),
        File("workbook part missing", f => f.WriteBytes("noworkbook.xlsx", Entries(("_rels/.rels", OfficeDocumentRelationship))),
            "The workbook is damaged or is not a real .xlsx file"),
        File("truncated xlsx", f => f.WriteBytes("cut.xlsx", Truncated(OrderXlsx())), "The workbook is damaged or is not a real .xlsx file"),
        File("truncated xlsb", f => f.WriteBytes("cut.xlsb", Truncated(new RawXlsb().Sheet("Orders", OrderRows(RawCell.Number(1))).ToBytes())),
            "The workbook is damaged or is not a real .xlsb file"),
        File("truncated xls", f => f.WriteBytes("cut.xls", Truncated(new RawXls().Sheet("Orders", OrderRows(RawCell.Number(1))).ToBytes())),
            "The workbook is damaged or is not a real .xls file"),
        File("malformed sheet xml", f => f.WriteBytes("badxml.xlsx", new RawXlsx().Sheet("Orders", $"<row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}</row><row r=\"2\"><c").ToBytes()),
            "The workbook is damaged or is not a real .xlsx file"),
        File("xls header only", f => f.WriteBytes("header.xls", new RawXls().Sheet("Orders", new RawRow(1, RawCell.Texts("CustomerId", "OfferId", "Quantity"))).ToBytes()),
            "Sheet 'Orders' has a header row (row 1) but no data rows below it."),
        File("empty xlsb sheet", f => f.WriteBytes("empty.xlsb", new RawXlsb().Sheet("Orders").ToBytes()), "Sheet 'Orders' is empty"),
        File("workbook without sheets", f => f.WriteBytes("nosheets.xlsx", Entries(("_rels/.rels", OfficeDocumentRelationship), ("xl/workbook.xml", $"<workbook xmlns=\"{MainNamespace}\"><sheets/></workbook>"))),
            "The workbook has no sheets."),
        Sheet("xlsb error cell", "errors.xlsb", OrderRows(RawCell.Error(RawCell.DivideByZero)), "The cell shows the Excel error #DIV/0!", "Quantity", "#DIV/0!"),
        Sheet("xls date in quantity", "date.xls", OrderRows(RawCell.Number(46_082, "yyyy-mm-dd")), "'2026-03-01' is not a number", "Quantity", "2026-03-01"),
        Sheet("xls text in quantity", "text.xls", OrderRows(RawCell.Text("ten")), "'ten' is not a number", "Quantity", "ten"),
        Sheet("formula quantity with a fraction", "fraction.xlsx", OrderRows(RawCell.FormulaNumber(2.5000000000000004)), "'2.5' is not a whole number", "Quantity", "2.5"),
        Sheet("1904 date in quantity", "date1904.xlsx", OrderRows(RawCell.Number(44_620, "d-mmm-yy")), "'2026-03-01' is not a number", "Quantity", "2026-03-01"),
        Sheet("bad customer in a split row", "split.xlsx", OrderRows(RawCell.Number(1), customer: "Contoso"), "'Contoso' is not a customer tenant id", "CustomerId", "Contoso"),
        File("two workbook relationships with one id", f => f.WriteBytes("samerid.xlsx", Entries(
                ("_rels/.rels", OfficeDocumentRelationship),
                ("xl/workbook.xml", $"<workbook xmlns=\"{MainNamespace}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Orders\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
                ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"),
                ("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{MainNamespace}\"><sheetData><row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}</row></sheetData></worksheet>"))),
            "Sheet 'Orders' has a header row (row 1) but no data rows below it."),
        // Past Excel's last day (9999-12-31): Excel shows #####, and no date is an order value.
        Sheet("xlsx date past 9999", "late.xlsx", OrderRows(RawCell.Number(2_958_466, "yyyy-mm-dd")), "a date after 9999-12-31 cannot be an order value", "Quantity", "2958466"),
        Sheet("xlsx date rounding past 9999", "rounding.xlsx", OrderRows(RawCell.Number(2_958_465.99999999, "yyyy-mm-dd hh:mm:ss")), "a date after 9999-12-31 cannot be an order value", "Quantity", "2958465.99999999"),
        Sheet("1904 date past 9999", "late1904.xlsx", OrderRows(RawCell.Number(2_957_004, "d-mmm-yy")), "a date after 9999-12-31 cannot be an order value", "Quantity", "2957004"),
        Sheet("xlsb date past 9999", "late.xlsb", OrderRows(RawCell.Number(2_958_466, "yyyy-mm-dd")), "a date after 9999-12-31 cannot be an order value", "Quantity", "2958466"),
        Sheet("xls date past 9999", "late.xls", OrderRows(RawCell.Number(2_958_466, "yyyy-mm-dd")), "a date after 9999-12-31 cannot be an order value", "Quantity", "2958466"),
        new("strict date rounding past 9999", f => f.WriteBytes("strictlate.xlsx", new RawXlsx().Sheet("Orders",
                $"<row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}</row>" +
                $"<row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("B2", Rows.E3)}<c r=\"C2\" t=\"d\"><v>9999-12-31T23:59:59.9</v></c></row>").ToBytes()),
            "a date after 9999-12-31 cannot be an order value", Row: 2, Column: "Quantity", Value: "9999-12-31T23:59:59.9", Sheet: "Orders"),
        // Wider than any order sheet: refused with the budget's message, never an overflow.
        File("csv 32,768 columns wide", f => f.WriteText("wide.csv", Rows.Csv(Header + string.Concat(Enumerable.Range(10, 32_759).Select(i => $",c{i}")), Valid)),
            "The file, row 1, has a value in column AMK (column 1,025), past the 1,024 columns BatchOrders reads"),
        File("xlsx value in column XFD", f => f.WriteBytes("xfd.xlsx", new RawXlsx().Sheet("Orders",
                $"<row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}{InlineCell("XFD1", "Notes")}</row>").ToBytes()),
            "Sheet 'Orders', row 1, has a value in column XFD (column 16,384), past the 1,024 columns BatchOrders reads"),
        File("xlsx row past excel's last row", f => f.WriteBytes("rows.xlsx", new RawXlsx().Sheet("Orders",
                $"<row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}</row><row r=\"2000000000\">{InlineCell("A2000000000", Rows.Customer)}</row>").ToBytes()),
            "Sheet 'Orders' is damaged: it has a row numbered 2,000,000,000, and Excel's rows run from 1 to 1,048,576."),
        new("excel error cell", f => f.WriteBytes("errors.xlsx", new RawXlsx().Sheet("Orders",
                $"<row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}</row>" +
                $"<row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("B2", Rows.E3)}<c r=\"C2\" t=\"e\"><f>VLOOKUP(A2,Seats!A:B,2,0)</f><v>#N/A</v></c></row>").ToBytes()),
            "The cell shows the Excel error #N/A", Row: 2, Column: "Quantity", Value: "#N/A", Sheet: "Orders"),
        new("formula never calculated", f => f.WriteBytes("uncalculated.xlsx", new RawXlsx().Sheet("Orders",
                $"<row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}</row>" +
                $"<row r=\"2\">{InlineCell("A2", Rows.Customer)}<c r=\"B2\" t=\"str\"><f>Offers!A1</f></c>{NumberCell("C2", "1")}</row>").ToBytes()),
            "The cell has a formula that was never calculated", Row: 2, Column: "OfferId", Value: string.Empty, Sheet: "Orders"),
    }.ToDictionary(c => c.Name);

    private readonly TempFolder _folder = new();

    public static TheoryData<string> Names => [.. Cases.Keys];

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> CommandLineNames => [.. Cases.Values.Where(c => c.Options is null || c.Options.Sheet is not null).Select(c => c.Name)];

    [Fact]
    public void The_corpus_has_at_least_sixty_malformed_inputs() => Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_malformed_input_is_reported_with_its_message_and_place(string name)
    {
        var malformed = Cases[name];
        var path = malformed.Create(_folder);

        var result = SpreadsheetReader.Read(path, malformed.Options);

        if (malformed.FileLevel)
        {
            Assert.NotNull(result.Problem);
            Assert.Contains(malformed.Message, result.Problem.Message, StringComparison.Ordinal);
            Assert.Equal(path, result.Problem.File);
            Assert.Empty(result.Rows);
            Assert.Empty(result.Errors);
            return;
        }

        Assert.Null(result.Problem);
        var errors = result.Errors.Concat(BatchOrders.Planning.OrderPlanner.Plan(path, result.Rows).Errors).ToList();
        var error = Assert.Single(errors, e => e.Message.Contains(malformed.Message, StringComparison.Ordinal));
        Assert.Equal((path, malformed.Sheet, malformed.Row, malformed.Column), (error.File, error.Sheet, error.Row, error.Column));
        if (malformed.Value is not null)
        {
            Assert.Equal(malformed.Value, error.Value);
        }

        // The other rows are still read: a bad row never hides a good one.
        Assert.Equal(result.DataRowCount, result.Rows.Count + result.Errors.Select(e => e.Row).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CommandLineNames))]
    public async Task Each_malformed_input_makes_submit_exit_2_with_its_message_and_place(string name)
    {
        var malformed = Cases[name];
        var path = malformed.Create(_folder);
        string[] sheet = malformed.Options?.Sheet is { } chosen ? ["--sheet", chosen] : [];

        var (exitCode, output) = await CliRunner.RunAsync(["submit", path, "--what-if", "--json", .. sheet]);

        Assert.Equal(2, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("message").GetString()!.Contains(malformed.Message, StringComparison.Ordinal));
        Assert.Equal(malformed.FileLevel ? null : malformed.Row, error.GetProperty("row").ValueKind == System.Text.Json.JsonValueKind.Null ? null : error.GetProperty("row").GetInt32());
        Assert.Equal(malformed.FileLevel ? null : malformed.Column, error.GetProperty("column").GetString());
    }

    private static MalformedCase File(string name, Func<TempFolder, string> create, string message, ReadOptions? Options = null) =>
        new(name, create, message, FileLevel: true, Options: Options);

    /// <summary>A file with a valid row, the malformed one (row 3), and another valid row.</summary>
    private static MalformedCase Cell(string name, string line, string column, string message, string? Value = null) =>
        new(name, f => f.WriteText(name.Replace(' ', '-') + ".csv", Rows.Csv(Header, Valid, line, Line(Rows.OtherCustomer, Rows.E1, "2"))),
            message, Row: 3, Column: column, Value: Value);

    /// <summary>A workbook (by its extension) whose sheet Orders has the header on row 1 and the malformed row on row 2.</summary>
    private static MalformedCase Sheet(string name, string file, RawRow[] rows, string message, string column, string value) =>
        new(name, f => f.WriteBytes(file, Path.GetExtension(file) switch
            {
                ".xls" => new RawXls().Sheet("Orders", rows).ToBytes(),
                ".xlsb" => new RawXlsb().Sheet("Orders", rows).ToBytes(),
                _ => new RawXlsx { Date1904 = file.Contains("1904", StringComparison.Ordinal), SplitRows = file.Contains("split", StringComparison.Ordinal) }.Sheet("Orders", rows).ToBytes(),
            }),
            message, Row: 2, Column: column, Value: value, Sheet: "Orders");

    /// <summary>A header and one order row whose quantity is the given cell.</summary>
    private static RawRow[] OrderRows(RawCell quantity, string customer = Rows.Customer) =>
        [new RawRow(1, RawCell.Texts("CustomerId", "OfferId", "Quantity")), new RawRow(2, RawCell.Text(customer), RawCell.Text(Rows.E3), quantity)];

    private static byte[] OrderXlsx() => new RawXlsx().Sheet("Orders", OrderRows(RawCell.Number(1))).ToBytes();

    private static byte[] Truncated(byte[] bytes) => bytes[..(bytes.Length * 2 / 3)];

    private const string OfficeDocumentRelationship =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" " +
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

    /// <summary>A workbook whose only sheet, Chart1, is a chart sheet.</summary>
    private static byte[] ChartSheetWorkbook() => Entries(
        ("_rels/.rels", OfficeDocumentRelationship),
        ("xl/workbook.xml", $"<workbook xmlns=\"{MainNamespace}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Chart1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" " +
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>"),
        ("xl/chartsheets/sheet1.xml", $"<chartsheet xmlns=\"{MainNamespace}\"/>"));

    private static byte[] Entries(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entryName, content) in entries)
            {
                using var stream = zip.CreateEntry(entryName).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    private static string Line(string customer, string offer, string quantity, string cycle = "", string term = "", string parent = "", string order = "", string partner = "", string name = "") =>
        string.Join(",", customer, offer, quantity, cycle, term, parent, order, partner, name);

    private static byte[] ZipWith(string entryName, string content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(entryName).Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        return buffer.ToArray();
    }

    /// <summary>The start of an OLE compound file, with the stream name an encrypted Office file carries.</summary>
    private static byte[] OleContainer(bool withEncryption)
    {
        var bytes = new byte[4096];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes(withEncryption ? "EncryptionInfo" : "Workbook").CopyTo(bytes, 1024);
        return bytes;
    }

    public sealed record MalformedCase(
        string Name,
        Func<TempFolder, string> Create,
        string Message,
        bool FileLevel = false,
        int? Row = null,
        string? Column = null,
        string? Value = null,
        string? Sheet = null,
        ReadOptions? Options = null);
}
