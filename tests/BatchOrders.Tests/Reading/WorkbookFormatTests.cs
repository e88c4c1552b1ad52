using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Reading;

/// <summary>
/// The same order sheet saved as .xlsx, .xlsb and .xls reads as the same rows, with Excel's row numbers and the
/// values Excel shows; and the odd ways writers save an .xlsx (split rows, upper-case or backslash part names) give
/// the same plan as a plain workbook.
/// </summary>
public sealed class WorkbookFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, bool> Formats => new() { { "xlsx", false }, { "xlsx", true }, { "xlsb", false }, { "xlsb", true }, { "xls", false }, { "xls", true } };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_reads_the_rows_excel_shows(string format, bool date1904)
    {
        var path = Write(format, date1904);

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal("Orders", result.Sheet);
        Assert.Equal([4, 5, 7], result.Rows.Select(r => r.Location.Row));
        Assert.Equal(OrderWorkbooks.ExpectedCells, result.Rows.Select(r => r.Cells.ToArray()));
        Assert.Equal([3, 5, 12], result.Rows.Select(r => r.Quantity));
        Assert.Equal(Rows.CatalogId, result.Rows[2].OfferId);
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("xlsb")]
    [InlineData("xls")]
    public void Every_format_plans_the_same_orders_as_csv(string format)
    {
        var csv = _folder.WriteText("orders.csv", string.Join("\n",
            ["CustomerId,OfferId,Quantity,BillingCycle,Unit price,Start,Call at,Effort", .. OrderWorkbooks.ExpectedCells.Select(r => string.Join(",", r))]));

        Assert.Equal(OrderKeys(csv), OrderKeys(Write(format, date1904: false)));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("xlsb")]
    [InlineData("xls")]
    public void The_sheet_option_chooses_a_sheet_in_every_format(string format)
    {
        var second = new RawRow[] { new(1, RawCell.Texts("CustomerId", "OfferId", "Quantity")), new(2, RawCell.Text(Rows.OtherCustomer), RawCell.Text(Rows.E1), RawCell.Number(9)) };
        var first = new RawRow[] { new(1, RawCell.Texts("Notes")) };
        var path = _folder.WriteBytes($"sheets.{format}", format switch
        {
            "xlsx" => new RawXlsx().Sheet("Read me", first).Sheet("Wave 2", second).ToBytes(),
            "xlsb" => new RawXlsb().Sheet("Read me", first).Sheet("Wave 2", second).ToBytes(),
            _ => new RawXls().Sheet("Read me", first).Sheet("Wave 2", second).ToBytes(),
        });

        var chosen = SpreadsheetReader.Read(path, new ReadOptions { Sheet = "wave 2" });
        var missing = SpreadsheetReader.Read(path, new ReadOptions { Sheet = "Wave 3" });

        Assert.True(chosen.IsValid, CsvReadingTests.Describe(chosen));
        Assert.Equal(("Wave 2", 2, 9), (chosen.Sheet, chosen.Rows[0].Location.Row, chosen.Rows[0].Quantity));
        Assert.Equal("The workbook has no sheet named 'Wave 3'. Its sheets are: 'Read me', 'Wave 2'.", missing.Problem?.Message);
    }

    [Theory]
    [InlineData("split rows")]
    [InlineData("upper-case part names")]
    [InlineData("backslash entries")]
    [InlineData("xlsb split rows")]
    public void Odd_packages_give_the_same_plan_as_a_plain_workbook(string trait)
    {
        var plain = OrderWorkbooks.Xlsx(_folder, "plain.xlsx");
        var odd = trait switch
        {
            "split rows" => OrderWorkbooks.Xlsx(_folder, "split.xlsx", splitRows: true),
            "upper-case part names" => OrderWorkbooks.Xlsx(_folder, "upper.xlsx", entryName: n => n.ToUpperInvariant()),
            "backslash entries" => OrderWorkbooks.Xlsx(_folder, "backslash.xlsx", entryName: n => n.Replace('/', '\\')),
            _ => OrderWorkbooks.Xlsb(_folder, "split.xlsb", splitRows: true),
        };

        var read = SpreadsheetReader.Read(odd);

        Assert.True(read.IsValid, CsvReadingTests.Describe(read));
        Assert.Equal(OrderWorkbooks.ExpectedCells, read.Rows.Select(r => r.Cells.ToArray()));
        Assert.Equal(OrderKeys(plain), OrderKeys(odd));
    }

    [Fact]
    public void An_order_workbook_encrypted_with_excels_default_password_reads_as_the_plain_one()
    {
        var plain = OrderWorkbooks.Xlsx(_folder, "plain.xlsx");
        var encrypted = _folder.WriteBytes("encrypted.xlsx", EncryptedWorkbook.Encrypt(File.ReadAllBytes(plain)));

        var read = SpreadsheetReader.Read(encrypted);

        Assert.True(read.IsValid, CsvReadingTests.Describe(read));
        Assert.Equal(OrderWorkbooks.ExpectedCells, read.Rows.Select(r => r.Cells.ToArray()));
        Assert.Equal([4, 5, 7], read.Rows.Select(r => r.Location.Row));
        Assert.Equal(OrderKeys(plain), OrderKeys(encrypted));
    }

    [Fact]
    public void A_workbook_with_a_password_of_its_own_is_refused_with_what_to_do()
    {
        var plain = OrderWorkbooks.Xlsx(_folder, "plain.xlsx");
        var locked = _folder.WriteBytes("locked.xlsx", EncryptedWorkbook.Encrypt(File.ReadAllBytes(plain), "s3cret"));

        var read = SpreadsheetReader.Read(locked);

        Assert.StartsWith("The workbook is protected with a password, so it cannot be read.", read.Problem?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_open_xml_date_cells_read_as_the_dates_and_times_they_show()
    {
        var path = _folder.WriteBytes("strict.xlsx", new RawXlsx { Namespace = RawXlsx.StrictNamespace }.Sheet("Orders",
            $"<row r=\"1\">{string.Concat(new[] { "CustomerId", "OfferId", "Quantity", "Start", "Call at" }.Select((h, i) => RawXlsx.InlineCell(RawXlsx.Reference(i, 1), h)))}</row>" +
            $"<row r=\"2\">{RawXlsx.InlineCell("A2", Rows.Customer)}{RawXlsx.InlineCell("B2", Rows.E3)}{RawXlsx.NumberCell("C2", "2")}" +
            "<c r=\"D2\" t=\"d\"><v>2026-03-01T00:00:00</v></c><c r=\"E2\" t=\"d\"><v>13:29:59.9999999999984</v></c></row>" +
            $"<row r=\"3\">{RawXlsx.InlineCell("A3", Rows.OtherCustomer)}{RawXlsx.InlineCell("B3", Rows.E3)}<c r=\"C3\" t=\"d\"><v>2026-03-01T00:00:00.00000020954757600</v></c></row>").ToBytes());

        var read = SpreadsheetReader.Read(path);

        Assert.Equal([Rows.Customer, Rows.E3, "2", "2026-03-01", "13:30:00"], read.Rows.Single().Cells);
        var error = Assert.Single(read.Errors);
        Assert.Equal((3, "Quantity", "'2026-03-01' is not a number: enter a whole number of licences, 1 or more."), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public void Excel_errors_in_an_xlsb_are_reported_at_their_cell()
    {
        var path = _folder.WriteBytes("errors.xlsb", new RawXlsb().Sheet("Orders",
            new RawRow(1, RawCell.Texts("CustomerId", "OfferId", "Quantity")),
            new RawRow(2, RawCell.Text(Rows.Customer), RawCell.Text(Rows.E3), RawCell.Error(RawCell.NotAvailable))).ToBytes());

        var error = Assert.Single(SpreadsheetReader.Read(path).Errors, e => e.Message.StartsWith("The cell shows the Excel error #N/A", StringComparison.Ordinal));

        Assert.Equal((2, "Quantity", "#N/A"), (error.Row, error.Column, error.Value));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("xlsb")]
    [InlineData("xls")]
    public void Damaged_bytes_give_a_message_or_rows_never_an_exception(string format)
    {
        var original = File.ReadAllBytes(Write(format, date1904: false));
        var random = new Random(12);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var bytes = (byte[])original.Clone();
            for (var i = 0; i < 6; i++)
            {
                bytes[random.Next(8, bytes.Length)] = (byte)random.Next(256);
            }

            var read = SpreadsheetReader.Read(_folder.WriteBytes($"damaged-{attempt}.{format}", bytes));

            Assert.True(read.Problem is not null || read.DataRowCount > 0, $"attempt {attempt}");
        }
    }

    [Theory]
    [InlineData(60, false, "1900-02-29")]
    [InlineData(59, false, "1900-02-28")]
    [InlineData(61, false, "1900-03-01")]
    [InlineData(1, false, "1900-01-01")]
    [InlineData(0, true, "1904-01-01")]
    [InlineData(46082.75, false, "2026-03-01 18:00:00")]
    [InlineData(46082.9999999, false, "2026-03-02")]
    public void Serial_dates_read_as_excel_shows_them(double serial, bool date1904, string expected) =>
        Assert.Equal(expected, CellText.Serial(serial, NumberFormatKind.Date, date1904));

    [Theory]
    [InlineData("3.0000000000000004", "3")]
    [InlineData("1.1299999999999999", "1.13")]
    [InlineData("12", "12")]
    [InlineData("12.0", "12")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("314159265358979", "314159265358979")]
    [InlineData("1E+20", "1E+20")]
    public void Stored_numbers_read_with_at_most_fifteen_significant_digits(string stored, string expected) =>
        Assert.Equal(expected, CellText.Number(stored));

    private string Write(string format, bool date1904) => format switch
    {
        "xlsx" => OrderWorkbooks.Xlsx(_folder, $"orders-{date1904}.xlsx", date1904),
        "xlsb" => OrderWorkbooks.Xlsb(_folder, $"orders-{date1904}.xlsb", date1904),
        _ => OrderWorkbooks.Xls(_folder, $"orders-{date1904}.xls", date1904),
    };

    private static string[] OrderKeys(string path)
    {
        var read = SpreadsheetReader.Read(path);
        Assert.True(read.IsValid, CsvReadingTests.Describe(read));
        return [.. OrderPlanner.Plan(path, read.Rows).Orders.Select(o => o.OrderKey)];
    }
}
