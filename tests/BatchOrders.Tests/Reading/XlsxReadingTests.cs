using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;
using static BatchOrders.Tests.Support.RawXlsx;

namespace BatchOrders.Tests.Reading;

public sealed class XlsxReadingTests : IDisposable
{
    private static readonly string[] Header = ["CustomerId", "OfferId", "Quantity", "FriendlyName"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_the_first_sheet_unless_told_otherwise()
    {
        var path = Write(new RawXlsx()
            .Sheet("Orders", Header, [Rows.Customer, Rows.E3, "1", "first"])
            .Sheet("Wave 2", Header, [Rows.Customer, Rows.E3, "2", "second"]));

        var first = SpreadsheetReader.Read(path);
        var second = SpreadsheetReader.Read(path, new ReadOptions { Sheet = "wave 2" });

        Assert.Equal(("Orders", "first"), (first.Sheet, first.Rows[0].FriendlyName));
        Assert.Equal(("Wave 2", "second"), (second.Sheet, second.Rows[0].FriendlyName));
        Assert.Equal("Wave 2", second.Rows[0].Location.Sheet);
    }

    [Fact]
    public void Numbers_stored_as_numbers_are_accepted_when_whole()
    {
        var path = Write(new RawXlsx().Sheet("Orders",
            HeaderRow() +
            $"<row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("B2", Rows.E3)}{NumberCell("C2", "5")}</row>" +
            $"<row r=\"3\">{InlineCell("A3", Rows.Customer)}{InlineCell("B3", Rows.E1)}{NumberCell("C3", "12.0")}</row>"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal([5, 12], result.Rows.Select(r => r.Quantity));
    }

    [Fact]
    public void A_workbook_saved_by_a_spreadsheet_library_reads_with_numbers_and_blank_rows()
    {
        var path = _folder.File("closedxml.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Orders");
            for (var i = 0; i < Header.Length; i++)
            {
                sheet.Cell(1, i + 1).Value = Header[i];
            }

            sheet.Cell(2, 1).SetValue(Rows.Customer);
            sheet.Cell(2, 2).SetValue(Rows.E3);
            sheet.Cell(2, 3).Value = 5.0;
            sheet.Cell(5, 1).SetValue(Rows.OtherCustomer);
            sheet.Cell(5, 2).SetValue(Rows.E1);
            sheet.Cell(5, 3).Value = 3;
            sheet.Cell(5, 4).SetValue("Sales");
            workbook.SaveAs(path);
        }

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal([2, 5], result.Rows.Select(r => r.Location.Row));
        Assert.Equal([5, 3], result.Rows.Select(r => r.Quantity));
    }

    [Fact]
    public void Formula_cells_are_read_by_their_saved_value()
    {
        var path = Write(new RawXlsx().Sheet("Orders",
            HeaderRow() +
            $"<row r=\"2\">{InlineCell("A2", Rows.Customer)}<c r=\"B2\" t=\"str\"><f>LOWER(\"{Rows.E3}\")</f><v>{Rows.E3}</v></c><c r=\"C2\"><f>2*3</f><v>6</v></c></row>"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal((Rows.E3, 6), (result.Rows[0].OfferId, result.Rows[0].Quantity));
    }

    [Fact]
    public void Shared_and_rich_text_strings_are_read_whole()
    {
        var workbook = new RawXlsx();
        var customer = workbook.SharedString($"<t>{Rows.Customer}</t>");
        var rich = workbook.SharedString("<r><rPr><b/></rPr><t>Office </t></r><r><t xml:space=\"preserve\">365 E3</t></r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh>");
        var path = Write(workbook.Sheet("Orders",
            HeaderRow() +
            $"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>{customer}</v></c>{InlineCell("B2", Rows.E3)}{NumberCell("C2", "1")}<c r=\"D2\" t=\"s\"><v>{rich}</v></c></row>"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal((Rows.Customer, "Office 365 E3"), (result.Rows[0].CustomerId, result.Rows[0].FriendlyName));
    }

    [Fact]
    public void Finds_the_header_below_title_rows_and_keeps_excel_row_numbers()
    {
        var path = Write(new RawXlsx().Sheet("Orders",
            $"<row r=\"1\">{InlineCell("A1", "Migration day - wave 1")}</row>" +
            $"<row r=\"2\">{InlineCell("A2", "Prepared by finance")}</row>" +
            $"<row r=\"4\">{InlineCell("A4", "CustomerId")}{InlineCell("B4", "OfferId")}{InlineCell("C4", "Quantity")}</row>" +
            $"<row r=\"5\">{InlineCell("A5", Rows.Customer)}{InlineCell("B5", Rows.E3)}{NumberCell("C5", "2")}</row>" +
            "<row r=\"6\"/>" +
            $"<row r=\"9\">{InlineCell("A9", Rows.Customer)}{InlineCell("B9", Rows.E1)}{NumberCell("C9", "3")}</row>"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal([5, 9], result.Rows.Select(r => r.Location.Row));
    }

    [Fact]
    public void Cells_without_references_and_strict_open_xml_are_read()
    {
        var path = Write(new RawXlsx { Namespace = StrictNamespace }.Sheet("Orders",
            "<row><c t=\"inlineStr\"><is><t>CustomerId</t></is></c><c t=\"inlineStr\"><is><t>OfferId</t></is></c><c t=\"inlineStr\"><is><t>Quantity</t></is></c></row>" +
            $"<row><c t=\"inlineStr\"><is><t>{Rows.Customer}</t></is></c><c t=\"inlineStr\"><is><t>{Rows.E3}</t></is></c><c><v>4</v></c></row>"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal((2, 4), (result.Rows[0].Location.Row, result.Rows[0].Quantity));
    }

    [Fact]
    public void Gaps_between_cells_leave_empty_columns()
    {
        var path = Write(new RawXlsx().Sheet("Orders",
            $"<row r=\"1\">{InlineCell("A1", "CustomerId")}{InlineCell("B1", "Notes")}{InlineCell("C1", "OfferId")}{InlineCell("D1", "Quantity")}</row>" +
            $"<row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("C2", Rows.E3)}{NumberCell("D2", "1")}</row>"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, CsvReadingTests.Describe(result));
        Assert.Equal([Rows.Customer, string.Empty, Rows.E3, "1"], result.Rows[0].Cells);
    }

    [Fact]
    public void A_date_in_a_number_column_reads_as_the_date_it_shows_not_its_day_count()
    {
        var path = _folder.File("dates.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Orders");
            sheet.Cell(1, 1).Value = "CustomerId";
            sheet.Cell(1, 2).Value = "OfferId";
            sheet.Cell(1, 3).Value = "Quantity";
            sheet.Cell(1, 4).Value = "Start";
            sheet.Cell(2, 1).SetValue(Rows.Customer);
            sheet.Cell(2, 2).SetValue(Rows.E3);
            sheet.Cell(2, 3).Value = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
            sheet.Cell(2, 4).Value = new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Unspecified);
            workbook.SaveAs(path);
        }

        var result = SpreadsheetReader.Read(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Quantity", "2026-03-01"), (error.Column, error.Value));
        Assert.Equal("'2026-03-01' is not a number: enter a whole number of licences, 1 or more.", error.Message);
    }

    [Theory]
    [InlineData("yyyy-mm-dd", "Date")]
    [InlineData("[$-409]d-mmm-yy;@", "Date")]
    [InlineData("yyyy/mm/dd\\ hh:mm;@", "Date")]
    [InlineData("mmm-yy", "Date")]
    [InlineData("h:mm AM/PM", "Time")]
    [InlineData("hh:mm:ss", "Time")]
    [InlineData("mm:ss", "Time")]
    [InlineData("[h]:mm:ss", "Duration")]
    [InlineData("[hh]:mm", "Duration")]
    [InlineData("0.00", "Number")]
    [InlineData("#,##0", "Number")]
    [InlineData("General", "Number")]
    [InlineData("\"days: \"0", "Number")]
    [InlineData("[Red]0.00", "Number")]
    public void Number_format_codes_are_classified(string code, string kind) =>
        Assert.Equal(Enum.Parse<NumberFormatKind>(kind), NumberFormats.Classify(code));

    [Theory]
    [InlineData("A", 0)]
    [InlineData("Z7", 25)]
    [InlineData("AA10", 26)]
    [InlineData("XFD1048576", 16383)]
    public void Cell_references_map_to_column_indexes(string reference, int index)
    {
        Assert.Equal(index, ColumnLetters.IndexOf(reference));
        Assert.Equal(reference.TrimEnd("0123456789".ToCharArray()), ColumnLetters.From(index));
    }

    private static string HeaderRow() =>
        $"<row r=\"1\">{string.Concat(Header.Select((h, i) => InlineCell(Reference(i, 1), h)))}</row>";

    private string Write(RawXlsx workbook) => _folder.WriteBytes($"{Guid.NewGuid():N}.xlsx", workbook.ToBytes());
}
