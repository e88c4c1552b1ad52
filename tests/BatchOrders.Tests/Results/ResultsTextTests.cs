using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;

namespace BatchOrders.Tests.Results;

/// <summary>
/// Text that XML cannot hold as it is survives the results workbook: written with Office's <c>_xHHHH_</c> escapes
/// (and a literal <c>_xHHHH_</c> with its underscore escaped), it reads back the same in ClosedXML and in BatchOrders'
/// own reader, and a value cut to Excel's cell limit is cut between characters, not inside an emoji.
/// </summary>
public sealed class ResultsTextTests : IDisposable
{
    private static readonly string Literal = "Literal _x0041_ stays";
    private static readonly string Overlapping = "_x005F_x0042_ and _x0041__x0042_ too";
    private static readonly string Controls = "bell\u0007 and \u0001 start";
    private static readonly string Emoji = "Team 😀 🇩🇪 é";
    private static readonly string Long = new string('a', 32_765) + "😀 tail";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Escapes_and_controls_round_trip_through_the_results_workbook_in_closedxml_and_in_our_reader()
    {
        var path = WritePlanWorkbook();

        using (var workbook = new XLWorkbook(path))
        {
            var sheet = workbook.Worksheet("Results");
            Assert.Equal(Controls, sheet.Cell(2, 5).GetString());
            Assert.Equal(Emoji, sheet.Cell(3, 4).GetString());
        }

        // A literal escape is stored as ClosedXML (and Excel) store it, its underscore escaped. ClosedXML 0.95.4 reads
        // it back wrongly either way (an inline _x005F_ undecoded, a shared one decoded twice), so the stored text is
        // what is compared; BatchOrders' reader decodes it as the standard says (ECMA-376, ST_Xstring), as do escapes
        // that share an underscore, which ClosedXML escapes only the first of.
        var stored = $">{ClosedXmlStores(Literal)}<";
        Assert.Contains("_x005F_x0041_", stored, StringComparison.Ordinal);
        Assert.Contains(ResultsFixture.SheetXml(path), xml => xml.Contains(stored, StringComparison.Ordinal));
        var again = SpreadsheetReader.Read(path, new ReadOptions { Sheet = "Results" });
        Assert.Null(again.Problem);
        Assert.Equal((Literal, Controls, Overlapping), (again.Rows[0].FriendlyName, again.Rows[0].Cells[4], again.Rows[0].Cells[5]));
        Assert.Equal(Emoji, again.Rows[1].FriendlyName);
    }

    [Fact]
    public void A_value_past_excels_cell_limit_is_cut_between_characters()
    {
        var path = WritePlanWorkbook();

        using var workbook = new XLWorkbook(path);
        var cut = workbook.Worksheet("Results").Cell(3, 5).GetString();
        Assert.Equal(new string('a', 32_765) + "…", cut);
    }

    [Fact]
    public void Messages_shorten_values_between_characters()
    {
        var value = new string('x', 39) + "😀" + new string('y', 10);

        Assert.Equal(new string('x', 39) + "…", DisplayText.Shorten(value));
        Assert.Equal(new string('x', 38) + "e\u0301…", DisplayText.Shorten(new string('x', 38) + "e\u0301" + new string('y', 10)));
        Assert.Equal("🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪…", DisplayText.Shorten(string.Concat(Enumerable.Repeat("🇩🇪", 30))));
    }

    [Fact]
    public void A_character_of_thousands_of_accents_is_cut_between_code_points()
    {
        var value = "e" + string.Concat(Enumerable.Repeat("\u0301", 5_000));

        var shown = DisplayText.Shorten(value);

        Assert.Equal(DisplayText.ShortLength + 1, shown.Length);
    }

    /// <summary>The text ClosedXML stores for <paramref name="value"/> (a shared string, which it escapes as Excel does).</summary>
    private string ClosedXmlStores(string value)
    {
        var path = _folder.File("closedxml.xlsx");
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("S").Cell(1, 1).SetValue(value);
            workbook.SaveAs(path);
        }

        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("xl/sharedStrings.xml")!.Open());
        var xml = reader.ReadToEnd();
        var start = xml.IndexOf("<x:t>", StringComparison.Ordinal) + 5;
        return xml[start..xml.IndexOf("</x:t>", start, StringComparison.Ordinal)];
    }

    private string WritePlanWorkbook()
    {
        var input = _folder.WriteText("orders.csv", Rows.Csv(
            "CustomerId,OfferId,Quantity,FriendlyName,Notes,More",
            $"{Rows.Customer},{Rows.E3},1,{Literal},{Controls},{Overlapping}",
            $"{Rows.OtherCustomer},{Rows.E3},1,{Emoji},{Long},"));
        var read = SpreadsheetReader.Read(input, new ReadOptions { MaxCellLength = 100_000 });
        Assert.True(read.IsValid, read.Problem?.Message ?? string.Join("; ", read.Errors.Select(e => e.Message)));
        var outcome = ResultsWorkbook.WritePlan(read, [], OrderPlanner.Plan(input, read.Rows), _folder.File("plan.xlsx"));
        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        return outcome.Path;
    }
}
