using System.Text;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Reading;

public sealed class CsvReadingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public void Detects_the_delimiter(string delimiter)
    {
        var path = _folder.WriteText("orders.csv", string.Join(delimiter, "CustomerId", "OfferId", "Quantity") + "\n" + string.Join(delimiter, Rows.Customer, Rows.E3, "7") + "\n");

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        var row = Assert.Single(result.Rows);
        Assert.Equal((Rows.Customer, Rows.E3, 7), (row.CustomerId, row.OfferId, row.Quantity));
    }

    [Fact]
    public void Reads_utf8_with_and_without_byte_order_mark_alike()
    {
        var text = Rows.Csv("CustomerId,OfferId,Quantity,FriendlyName", $"{Rows.Customer},{Rows.E3},1,Bäckerei Schön");
        var withBom = _folder.WriteText("bom.csv", text, new UTF8Encoding(true));
        var withoutBom = _folder.WriteText("plain.csv", text, new UTF8Encoding(false));

        var a = SpreadsheetReader.Read(withBom);
        var b = SpreadsheetReader.Read(withoutBom);

        Assert.True(a.IsValid, Describe(a));
        Assert.Equal("CustomerId", a.Headers[0]);
        Assert.Equal("Bäckerei Schön", a.Rows[0].FriendlyName);
        Assert.Equal(a.Rows[0].FriendlyName, b.Rows[0].FriendlyName);
    }

    [Fact]
    public void Characters_that_could_not_be_read_are_reported_in_order_columns_only()
    {
        // U+FFFD is what a decoder leaves for bytes it could not read; in Notes, a column BatchOrders does not use, it harms nothing.
        var path = _folder.WriteText("replaced.csv", Rows.Csv(
            "CustomerId,OfferId,Quantity,FriendlyName,Notes",
            $"{Rows.Customer},{Rows.E3},1,M\uFFFDller GmbH,",
            $"{Rows.OtherCustomer},{Rows.E3},1,Schmidt,caf\uFFFD"));

        var result = SpreadsheetReader.Read(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "FriendlyName"), (error.Row, error.Column));
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
        Assert.Equal(Rows.OtherCustomer, Assert.Single(result.Rows).CustomerId);
    }

    [Fact]
    public void A_file_that_is_utf8_but_for_a_stray_byte_reads_as_utf8_with_the_byte_reported_where_it_is()
    {
        // One name pasted from a Windows-1252 file (0xFC for ü) among UTF-8 ones: read as Windows-1252, every
        // other name would be garbled ("MÃ¼ller") and ordered that way without a word.
        var text = Encoding.UTF8.GetBytes(Rows.Csv(
            "CustomerId,OfferId,Quantity,FriendlyName",
            $"{Rows.Customer},{Rows.E3},1,Müller GmbH",
            $"{Rows.OtherCustomer},{Rows.E3},1,Bäckerei Schön",
            $"{Rows.OtherCustomer},{Rows.E1},1,Gr#n AG"));
        var stray = Array.LastIndexOf(text, (byte)'#');
        text[stray] = 0xFC;
        var path = _folder.WriteBytes("mostly-utf8.csv", text);

        var result = SpreadsheetReader.Read(path);

        Assert.Equal(["Müller GmbH", "Bäckerei Schön"], result.Rows.Select(r => r.FriendlyName));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "FriendlyName", "Gr\uFFFDn AG"), (error.Row, error.Column, error.Value));
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_match_without_invisible_characters_a_second_byte_order_mark_or_a_zero_width_space()
    {
        var path = _folder.WriteText("invisible.csv", "\uFEFF" + Rows.Csv("\uFEFFCustomerId,Offer\u200BId,Quantity", $"{Rows.Customer},{Rows.E3},1"), new UTF8Encoding(false));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public void Reads_excel_ansi_csv_as_windows_1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = _folder.WriteText("ansi.csv", Rows.Csv("CustomerId;OfferId;Quantity;FriendlyName", $"{Rows.Customer};{Rows.E3};1;Müller GmbH"), Encoding.GetEncoding(1252));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("Müller GmbH", result.Rows[0].FriendlyName);
    }

    [Fact]
    public void Reads_utf16_unicode_text_as_excel_saves_it()
    {
        var path = _folder.WriteText("unicode.txt", Rows.Csv("CustomerId\tOfferId\tQuantity", $"{Rows.Customer}\t{Rows.E3}\t3"), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(3, result.Rows[0].Quantity);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_utf32_text_with_its_byte_order_mark(bool bigEndian)
    {
        var path = _folder.WriteText("utf32.csv", Rows.Csv("CustomerId,OfferId,Quantity,FriendlyName", $"{Rows.Customer},{Rows.E3},3,Müller GmbH"), new UTF32Encoding(bigEndian, byteOrderMark: true));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("Müller GmbH", result.Rows[0].FriendlyName);
    }

    [Theory]
    [InlineData(new byte[] { 0x2B, 0x2F, 0x76, 0x38 }, "UTF-7")]
    [InlineData(new byte[] { 0x84, 0x31, 0x95, 0x33 }, "GB18030")]
    [InlineData(new byte[] { 0xDD, 0x73, 0x66, 0x73 }, "UTF-EBCDIC")]
    public void A_text_file_marked_as_an_encoding_it_cannot_read_is_refused_naming_it(byte[] byteOrderMark, string encoding)
    {
        var path = _folder.WriteBytes("marked.csv", [.. byteOrderMark, .. Encoding.ASCII.GetBytes(Rows.Csv("CustomerId,OfferId,Quantity", $"{Rows.Customer},{Rows.E3},3"))]);

        var result = SpreadsheetReader.Read(path);

        Assert.False(result.IsValid);
        Assert.Contains(encoding, result.Problem!.Message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", result.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_and_line_breaks_and_row_numbers_stay_excels()
    {
        var path = _folder.WriteText("quoted.csv",
            "CustomerId,OfferId,Quantity,FriendlyName\n" +
            $"{Rows.Customer},{Rows.E3},1,\"Sales, Berlin\nsecond line\"\n" +
            $"{Rows.Customer},{Rows.E1},2,\"He said \"\"hi\"\"\"\n");

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("Sales, Berlin\nsecond line", result.Rows[0].FriendlyName);
        Assert.Equal("He said \"hi\"", result.Rows[1].FriendlyName);
        Assert.Equal([2, 3], result.Rows.Select(r => r.Location.Row));
    }

    [Fact]
    public void Trims_surrounding_spaces()
    {
        var path = _folder.WriteText("spaces.csv", Rows.Csv("  CustomerId , OfferId ,Quantity", $"  {Rows.Customer}  ,\t{Rows.E3} ,  4  "));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal((Rows.Customer, Rows.E3, 4), (result.Rows[0].CustomerId, result.Rows[0].OfferId, result.Rows[0].Quantity));
    }

    [Fact]
    public void Skips_blank_lines_and_empty_records_but_counts_them_as_rows()
    {
        var path = _folder.WriteText("blank.csv", $"CustomerId;OfferId;Quantity\n\n{Rows.Customer};{Rows.E3};1\n;;\n\n{Rows.Customer};{Rows.E1};2\n\n");

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(2, result.DataRowCount);
        Assert.Equal([3, 6], result.Rows.Select(r => r.Location.Row));
    }

    [Fact]
    public void Keeps_unknown_columns_with_the_row()
    {
        var path = _folder.WriteText("extra.csv", Rows.Csv("Customer Name,CustomerId,OfferId,Quantity,Cost Centre", $"Contoso,{Rows.Customer},{Rows.E3},1,KST-1"));

        var result = SpreadsheetReader.Read(path);

        Assert.Equal(["Customer Name", "CustomerId", "OfferId", "Quantity", "Cost Centre"], result.Headers);
        Assert.Equal(["Contoso", Rows.Customer, Rows.E3, "1", "KST-1"], result.Rows[0].Cells);
    }

    [Fact]
    public void Honours_excels_sep_hint_line()
    {
        var path = _folder.WriteText("hint.csv", $"sep=;\nCustomerId;OfferId;Quantity\n{Rows.Customer};{Rows.E3};1\n");

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Single(result.Rows);
    }

    [Fact]
    public void Rows_shorter_than_the_header_have_empty_trailing_cells()
    {
        var path = _folder.WriteText("short.csv", Rows.Csv("CustomerId,OfferId,Quantity,FriendlyName,Notes", $"{Rows.Customer},{Rows.E3},1"));

        var result = SpreadsheetReader.Read(path);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(5, result.Rows[0].Cells.Count);
        Assert.Null(result.Rows[0].FriendlyName);
    }

    [Fact]
    public void The_text_marker_written_before_formula_like_values_is_removed_and_nothing_else()
    {
        var path = _folder.WriteText("marked.csv", Rows.Csv("CustomerId,OfferId,Quantity,FriendlyName,Notes,Phone,Sign", $"{Rows.Customer},{Rows.E3},1,'=Sales,'@SUM(1),'+44 20,'-5"));

        var result = SpreadsheetReader.Read(path);

        Assert.Equal(["=Sales", "@SUM(1)", "+44 20", "'-5"], result.Rows[0].Cells.Skip(3));
    }

    internal static string Describe(ReadResult result) =>
        result.Problem?.Message ?? string.Join("; ", result.Errors.Select(e => $"{e.Place}: {e.Message}"));
}
