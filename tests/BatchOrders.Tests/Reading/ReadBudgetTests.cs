using System.Buffers.Binary;
using System.Text;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using static BatchOrders.Tests.Support.RawXlsx;

namespace BatchOrders.Tests.Reading;

/// <summary>
/// The budgets of <see cref="ReadOptions"/>: each refuses a file over it with a message naming the budget, before the
/// file costs what it would (a zip's directory is believed over its bytes, a run of text is stopped at a megabyte), and
/// none gets in the way of a file within it.
/// </summary>
public sealed class ReadBudgetTests : IDisposable
{
    private static readonly string HeaderCells = $"{InlineCell("A1", "CustomerId")}{InlineCell("B1", "OfferId")}{InlineCell("C1", "Quantity")}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_sheet_the_zip_says_is_larger_than_the_part_budget_is_refused_unread()
    {
        // The sheet's entry claims 4 GB once inflated (a sheet of empty cells does); its bytes are never inflated.
        var bytes = OrderWorkbook(1);
        SetDeclaredSize(bytes, "xl/worksheets/sheet1.xml", 0xF000_0000);
        var path = _folder.WriteBytes("bomb.xlsx", bytes);

        var result = SpreadsheetReader.Read(path);

        Assert.Equal(ReadBudget.PartSize, result.Problem?.Budget);
        Assert.Contains("xl/worksheets/sheet1.xml is 3,840 MB once unpacked, more than the 512 MB", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_that_holds_more_than_its_zip_entry_says_reads_as_damaged()
    {
        var bytes = OrderWorkbook(50);
        SetDeclaredSize(bytes, "xl/worksheets/sheet1.xml", 100);
        var path = _folder.WriteBytes("lying.xlsx", bytes);

        var result = SpreadsheetReader.Read(path);

        Assert.Null(result.Problem?.Budget);
        Assert.Contains("The workbook is damaged", result.Problem?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_part_budget_is_a_setting()
    {
        var path = _folder.WriteBytes("orders.xlsx", OrderWorkbook(200));

        Assert.True(SpreadsheetReader.Read(path).IsValid);
        Assert.Equal(ReadBudget.PartSize, SpreadsheetReader.Read(path, new ReadOptions { MaxPartBytes = 4096 }).Problem?.Budget);
    }

    [Theory]
    [InlineData("<t>{0}</t>")]
    [InlineData("<t><![CDATA[{0}]]></t>")]
    public void A_cell_of_megabytes_in_a_workbook_is_refused_before_it_becomes_a_string(string item)
    {
        // Two million characters with a '<' every thousand inside CDATA, where it is text.
        var text = string.Concat(Enumerable.Repeat(new string('x', 999) + (item.Contains("CDATA", StringComparison.Ordinal) ? "<" : "x"), 2_000));
        var xlsx = new RawXlsx();
        var index = xlsx.SharedString(string.Format(System.Globalization.CultureInfo.InvariantCulture, item, text));
        var path = _folder.WriteBytes("long.xlsx", xlsx.Sheet("Orders",
            $"<row r=\"1\">{HeaderCells}</row><row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("B2", Rows.E3)}<c r=\"C2\" t=\"s\"><v>{index}</v></c></row>").ToBytes());

        var result = SpreadsheetReader.Read(path);

        Assert.Equal(ReadBudget.CellLength, result.Problem?.Budget);
        Assert.Contains("holds a text of more than 1,048,576 bytes", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_longer_than_a_cell_holds_but_within_a_megabyte_is_a_row_error()
    {
        var path = _folder.WriteBytes("long.xlsx", new RawXlsx().Sheet("Orders",
            $"<row r=\"1\">{HeaderCells}{InlineCell("D1", "FriendlyName")}</row><row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("B2", Rows.E3)}{NumberCell("C2", "1")}{InlineCell("D2", new string('n', 40_000))}</row>").ToBytes());

        var result = SpreadsheetReader.Read(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "FriendlyName"), (error.Row, error.Column));
        Assert.Contains("40,000 characters long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_long_shared_string_in_every_cell_is_refused_by_the_text_budget()
    {
        // Each cell is a few bytes of XML and 30,000 characters once read: the file is small, its rows are not.
        var xlsx = new RawXlsx();
        var index = xlsx.SharedString($"<t>{new string('y', 30_000)}</t>");
        var rows = new StringBuilder($"<row r=\"1\">{HeaderCells}{InlineCell("D1", "Notes")}</row>");
        for (var r = 2; r < 400; r++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"<row r=\"{r}\">{InlineCell($"A{r}", Rows.Customer)}{InlineCell($"B{r}", Rows.E3)}{NumberCell($"C{r}", "1")}<c r=\"D{r}\" t=\"s\"><v>{index}</v></c></row>");
        }

        var path = _folder.WriteBytes("amplified.xlsx", xlsx.Sheet("Orders", rows.ToString()).ToBytes());

        var result = SpreadsheetReader.Read(path, new ReadOptions { MaxTextLength = 1_000_000 });

        Assert.Equal(ReadBudget.Text, result.Problem?.Budget);
        Assert.Contains("more than 1,000,000 characters of text in its first 34 data rows", result.Problem!.Message, StringComparison.Ordinal);
        Assert.True(SpreadsheetReader.Read(path).IsValid);
    }

    [Fact]
    public void Empty_cells_far_to_the_right_and_separators_past_the_column_budget_cost_nothing()
    {
        var csv = _folder.WriteText("trailing.csv", Rows.Csv(
            "CustomerId,OfferId,Quantity" + new string(',', 20_000),
            $"{Rows.Customer},{Rows.E3},1" + new string(',', 20_000)));
        var xlsx = _folder.WriteBytes("far.xlsx", new RawXlsx().Sheet("Orders",
            $"<row r=\"1\">{HeaderCells}<c r=\"XFD1\" s=\"0\"/></row><row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("B2", Rows.E3)}{NumberCell("C2", "1")}<c r=\"XFD2\"/></row>").ToBytes());

        var fromCsv = SpreadsheetReader.Read(csv);
        var fromXlsx = SpreadsheetReader.Read(xlsx);

        Assert.True(fromCsv.IsValid, fromCsv.Problem?.Message);
        Assert.Equal(1_024, fromCsv.Headers.Count);
        Assert.True(fromXlsx.IsValid, fromXlsx.Problem?.Message);
        Assert.Equal(3, fromXlsx.Headers.Count);
    }

    [Fact]
    public void The_column_budget_is_a_setting()
    {
        var path = _folder.WriteText("notes.csv", Rows.Csv("CustomerId,OfferId,Quantity,Notes", $"{Rows.Customer},{Rows.E3},1,call first"));

        var result = SpreadsheetReader.Read(path, new ReadOptions { MaxColumns = 3 });

        Assert.Equal(ReadBudget.Columns, result.Problem?.Budget);
        Assert.StartsWith("The file, row 1, has a value in column D (column 4), past the 3 columns", result.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_past_column_XFD_is_no_cell_of_the_sheet_however_many_letters_it_has()
    {
        var path = _folder.WriteBytes("letters.xlsx", new RawXlsx().Sheet("Orders",
            $"<row r=\"1\">{HeaderCells}</row><row r=\"2\">{InlineCell("A2", Rows.Customer)}{InlineCell("B2", Rows.E3)}{NumberCell("C2", "1")}{InlineCell("AAAAAAAAAAAAAAB2", "x")}</row>").ToBytes());

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, result.Problem?.Message);
        Assert.Equal(1, Assert.Single(result.Rows).Quantity);
    }

    [Fact]
    public void A_number_format_the_format_parser_throws_on_shows_a_plain_number()
    {
        var path = _folder.WriteBytes("format.xlsx", new RawXlsx().Sheet("Orders",
            new RawRow(1, RawCell.Texts("CustomerId", "OfferId", "Quantity")),
            new RawRow(2, RawCell.Text(Rows.Customer), RawCell.Text(Rows.E3), RawCell.Number(4, "[>=]0"))).ToBytes());

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, result.Problem?.Message);
        Assert.Equal(4, Assert.Single(result.Rows).Quantity);
    }

    [Fact]
    public void Budgets_out_of_their_bounds_are_a_bug_of_the_caller()
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv("CustomerId,OfferId,Quantity", $"{Rows.Customer},{Rows.E3},1"));

        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => SpreadsheetReader.Read(path, new ReadOptions { MaxColumns = 20_000 }));
    }

    private static byte[] OrderWorkbook(int rows)
    {
        var xml = new StringBuilder($"<row r=\"1\">{HeaderCells}</row>");
        for (var r = 2; r < rows + 2; r++)
        {
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"<row r=\"{r}\">{InlineCell($"A{r}", Rows.Customer)}{InlineCell($"B{r}", Rows.E3)}{NumberCell($"C{r}", "1")}</row>");
        }

        return new RawXlsx().Sheet("Orders", xml.ToString()).ToBytes();
    }

    /// <summary>Overwrites the uncompressed size the zip's central directory gives for <paramref name="entry"/>.</summary>
    private static void SetDeclaredSize(byte[] zip, string entry, uint size)
    {
        var name = Encoding.ASCII.GetBytes(entry);
        for (var at = 0; at + 46 < zip.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) == 0x02014B50 &&
                zip.AsSpan(at + 46, Math.Min(name.Length, zip.Length - at - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + 24), size);
                return;
            }
        }

        throw new ArgumentException($"No entry {entry}.", nameof(entry));
    }
}
