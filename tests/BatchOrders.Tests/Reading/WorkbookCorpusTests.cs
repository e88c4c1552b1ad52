using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Reading;

/// <summary>
/// Real-world workbooks from ExcelDataReader's test data (Corpus/, MIT licence beside them), each read for the trait
/// it shows: the rows and texts Excel shows, where other readers refused the file or read it wrong.
/// </summary>
public sealed class WorkbookCorpusTests
{
    [Fact]
    public void A_row_split_over_repeated_row_elements_is_one_row()
    {
        var rows = Read("Test_git_issue_324.xlsx");

        Assert.Equal(["", "", "Other", "191036.15", "194489.45", "66106.32", "37167.88", "102589.54", "57467.94", "130721.93", "150752.67", "76300.69", "67024.6"], rows[11]);
        Assert.Equal(13, rows[10].Length);
    }

    [Theory]
    [InlineData("Test_git_issue_301_IgnoreCase.xlsx")]
    [InlineData("Test_git_issue_385_backslash.xlsx")]
    public void Part_names_in_upper_case_or_with_backslashes_are_found(string file)
    {
        var rows = Read(file);

        Assert.Equal(["col1", "", "col3", "", "col5", "", "col7", "", "col9"], rows[1]);
        Assert.Equal(["10x11", "10x12", "10x13", "10x14", "10x15", "10x16", "10x17", "10x18", "10x19", "10x20"], rows[3]);
    }

    [Theory]
    [InlineData("TestExcel_2040.xlsx", 2, "Kathiravan")]
    [InlineData("Test_git_issue289.xlsx", 1, "aaaaaaa")]
    public void A_workbook_encrypted_with_excels_default_password_opens_as_in_excel(string file, int row, string text) =>
        Assert.Equal(text, Read(file)[row][0]);

    [Theory]
    [InlineData("roo_1904_base.xlsx", "2013-04-19")]
    [InlineData("roo_1904_base.xls", "2009-06-28")]
    public void Dates_of_the_1904_date_system_read_as_the_day_excel_shows(string file, string second)
    {
        var rows = Read(file);

        Assert.Equal(("2009-06-15", second), (rows[1][0], rows[2][0]));
    }

    [Fact]
    public void The_1904_system_is_read_from_the_workbook_not_from_an_extension_of_the_same_name() =>
        Assert.Equal("2023-09-01", Read("Test_git_Issue_649_Date1904_Parsings.xlsx")[12][12]);

    [Theory]
    [InlineData("TestOpen.xlsx")]
    [InlineData("strict_TestOpen.xlsx")]
    [InlineData("TestOpen.xlsb")]
    [InlineData("TestOpen.xls")]
    public void Dates_times_and_numbers_read_alike_in_every_format_and_in_strict_open_xml(string file)
    {
        var rows = Read(file);

        Assert.Equal(["2006-10-10", "1", "1.02", "text", "2009-01-01 11:00:00", "6", "7", "8", "9", "10", "11:00:00"], rows[1]);
        Assert.Equal(["2006-10-10", "2", "2.04", "\"text\"", "2009-01-01 11:00:00", "", "7", "8", "9", "10", "11:12:01"], rows[2]);
        Assert.Equal(7, rows.Count);
    }

    [Fact]
    public void Durations_read_as_elapsed_time()
    {
        var rows = Read("Test_git_issue_694_TimeSpan.xlsx");

        Assert.Equal(["416", "0:11:00"], rows[4]);
        Assert.Equal(["416", "0:01:00"], rows[6]);
    }

    [Fact]
    public void Numbers_read_with_fifteen_significant_digits()
    {
        var rows = Read("TestDoublePrecision.xlsx");

        Assert.Equal("3.14159265358979", rows[3][1]);
        Assert.Equal("-3.14159265358979E-300", rows[6][1]);
        Assert.Equal("314159265358979", rows[9][1]);
        Assert.Equal(["2", "2.04", "2009-05-18"], Read("Test_num_double_date_bool_string.xlsx")[2][..3]);
    }

    [Theory]
    [InlineData("Test_git_issue_329_error.xlsx", 1, "#DIV/0!")]
    [InlineData("Test_git_issue_486.xlsx", 2, "#REF!")]
    public void Error_cells_are_marked_as_unusable(string file, int row, string error)
    {
        using var source = SpreadsheetReader.OpenRows(Corpus(file), new ReadOptions());
        var sheetRow = source.ReadRows(CancellationToken.None).Single(r => r.Number == row);

        Assert.Equal(error, sheetRow.Cells[0]);
        Assert.Contains(sheetRow.CellIssues!, i => i.ColumnIndex == 0 && i.Message.Contains(error, StringComparison.Ordinal));
    }

    /// <summary>The non-blank rows of the file's first sheet by Excel row number.</summary>
    private static Dictionary<int, string[]> Read(string file)
    {
        using var source = SpreadsheetReader.OpenRows(Corpus(file), new ReadOptions());
        return source.ReadRows(CancellationToken.None).ToDictionary(r => r.Number, r => r.Cells);
    }

    private static string Corpus(string file) => RepositoryFiles.Get("tests", "BatchOrders.Tests", "Reading", "Corpus", file);
}
