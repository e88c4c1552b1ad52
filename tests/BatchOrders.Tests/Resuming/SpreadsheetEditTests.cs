using System.Text.Json;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;

namespace BatchOrders.Tests.Resuming;

/// <summary>
/// What people do to a spreadsheet between runs, each edit with the outcome a user expects: a batch stays the same
/// batch when its rows are sorted, moved, spaced out, given a notes column, partly deleted, or the file is moved,
/// renamed or re-saved in another format; a fixed row is sent, and a quantity changed after success is a conflict.
/// </summary>
public sealed class SpreadsheetEditTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration";
    private const string CustomerA = "11111111-1111-4111-8111-111111111111";
    private const string CustomerB = "22222222-2222-4222-8222-222222222222";
    private const string CustomerC = "33333333-3333-4333-8333-333333333333";
    private const string CustomerD = "44444444-4444-4444-8444-444444444444";

    /// <summary>
    /// Three customers that succeed in four orders (A with two lines; C with two legacy lines and a new-commerce one,
    /// which takes the cart path) and one refused for its quantity (D).
    /// </summary>
    private static readonly string[] Batch =
    [
        $"{CustomerA},{Rows.E3},5,Monthly,",
        $"{CustomerA},{Rows.E1},3,Monthly,",
        $"{CustomerB},{Rows.E3},2,Annual,",
        $"{CustomerC},{Rows.E1},4,Monthly,",
        $"{CustomerC},{Rows.E3},6,Monthly,",
        $"{CustomerC},{Rows.CatalogId},10,Monthly,P1Y",
        $"{CustomerD},{Rows.E3},50000,Monthly,",
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, int, int, int> Edits() => new()
    {
        // edit, orders sent by the rerun, conflicts, exit code (D stays refused unless it is fixed)
        { "sort by offer", 0, 0, 1 },
        { "sort by quantity", 0, 0, 1 },
        { "reverse", 0, 0, 1 },
        { "move a customer's rows apart", 0, 0, 1 },
        { "insert blank rows", 0, 0, 1 },
        { "add a notes column", 0, 0, 1 },
        { "type the quantity as text", 0, 0, 1 },
        { "delete finished rows", 0, 0, 1 },
        { "fix the refused row", 1, 0, 0 },
        { "change a quantity after success", 0, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task An_edited_spreadsheet_resumes_with_the_outcome_a_user_expects(string edit, int sent, int conflicts, int exitCode)
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(Header, Batch));
        Assert.Equal(1, (await CliRunner.RunAsync("submit", path, "--no-preflight")).ExitCode);
        var before = (await EmbeddedLedger.ReadAsync(path + ".journal.db")).Count;

        File.WriteAllText(path, Edited(edit));
        var (exit, output) = await CliRunner.RunAsync("submit", path, "--no-preflight", "--json");

        using var summary = JsonDocument.Parse(output);
        Assert.Equal(exitCode, exit);
        Assert.Equal(conflicts, summary.RootElement.GetProperty("orders").GetProperty("conflict").GetInt32());
        Assert.Equal(before + sent, (await EmbeddedLedger.ReadAsync(path + ".journal.db")).Count);
        Assert.Equal(4, before);
    }

    [Theory]
    [InlineData("moved and renamed.csv")]
    [InlineData("orders (1).xlsx")]
    public async Task A_batch_resumes_from_its_copy_with_the_first_journal_and_sends_nothing(string copyName)
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(Header, Batch));
        var journal = path + ".journal.db";
        await CliRunner.RunAsync("submit", path, "--no-preflight");
        var copy = Path.Combine(_folder.Folder("elsewhere"), copyName);
        Write(copy, Batch.Reverse());

        var (exit, output) = await CliRunner.RunAsync("submit", copy, "--no-preflight", "--journal", journal);

        Assert.Equal(1, exit);
        Assert.Contains($"from its copy {copy}", output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("This run: 0 succeeded", output, StringComparison.Ordinal);
        Assert.Equal(4, (await EmbeddedLedger.ReadAsync(journal)).Count);
        var (status, statusOutput) = await CliRunner.RunAsync("status", journal, "--json");
        using var json = JsonDocument.Parse(statusOutput);
        Assert.Equal([path, copy], json.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task A_workbook_batch_resumes_from_its_csv_copy()
    {
        var path = Path.Combine(_folder.Path, "orders.xlsx");
        Write(path, Batch);
        var journal = path + ".journal.db";
        Assert.Equal(1, (await CliRunner.RunAsync("submit", path, "--no-preflight")).ExitCode);
        var csv = _folder.WriteText("orders.csv", Rows.Csv(Header, Batch));

        var (exit, output) = await CliRunner.RunAsync("submit", csv, "--no-preflight", "--journal", journal);

        Assert.Equal(1, exit);
        Assert.Contains("This run: 0 succeeded", output, StringComparison.Ordinal);
        Assert.Equal(4, (await EmbeddedLedger.ReadAsync(journal)).Count);
    }

    [Fact]
    public async Task A_file_with_nothing_in_common_with_the_batch_is_refused()
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(Header, Batch));
        await CliRunner.RunAsync("submit", path, "--no-preflight");
        var other = _folder.WriteText("other.csv", Rows.Csv(Header, $"{CustomerA},{Rows.E3},9,Monthly,"));

        var (exit, output) = await CliRunner.RunAsync("submit", other, "--no-preflight", "--journal", path + ".journal.db");

        Assert.Equal(2, exit);
        Assert.Contains("belongs to orders.csv, not other.csv", output, StringComparison.Ordinal);
        Assert.Equal(4, (await EmbeddedLedger.ReadAsync(path + ".journal.db")).Count);
    }

    private static string Edited(string edit)
    {
        string[] Sorted(Func<string[], string> by) => [.. Batch.OrderBy(r => by(r.Split(',')), StringComparer.Ordinal)];
        return edit switch
        {
            "sort by offer" => Rows.Csv(Header, Sorted(c => c[1])),
            "sort by quantity" => Rows.Csv(Header, [.. Batch.OrderBy(r => int.Parse(r.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture))]),
            "reverse" => Rows.Csv(Header, [.. Batch.Reverse()]),
            "move a customer's rows apart" => Rows.Csv(Header, [Batch[5], .. Batch[..5], Batch[6]]),
            "insert blank rows" => Rows.Csv(Header, [",,,,", .. Batch[..3], ",,,,", ",,,,", .. Batch[3..]]),
            "add a notes column" => Rows.Csv(Header + ",Notes", [.. Batch.Select((r, i) => $"{r},note {i}")]),
            "type the quantity as text" => Rows.Csv(Header, [.. Batch.Select(r => r.Replace(",5,", ",\"5\",", StringComparison.Ordinal))]),
            "delete finished rows" => Rows.Csv(Header, [Batch[0], Batch[3], Batch[6]]),
            "fix the refused row" => Rows.Csv(Header, [.. Batch[..6], $"{CustomerD},{Rows.E3},5,Monthly,"]),
            "change a quantity after success" => Rows.Csv(Header, [$"{CustomerA},{Rows.E3},7,Monthly,", .. Batch[1..]]),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };
    }

    /// <summary>Writes the rows as a CSV, or as a workbook (numbers as numbers) when the name ends in .xlsx.</summary>
    private static void Write(string path, IEnumerable<string> rows)
    {
        if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, Rows.Csv(Header, [.. rows]));
            return;
        }

        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Orders");
        var lines = new[] { Header }.Concat(rows).ToList();
        for (var r = 0; r < lines.Count; r++)
        {
            var cells = lines[r].Split(',');
            for (var c = 0; c < cells.Length; c++)
            {
                if (r > 0 && c == 2)
                {
                    sheet.Cell(r + 1, c + 1).SetValue(int.Parse(cells[c], System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (cells[c].Length > 0)
                {
                    sheet.Cell(r + 1, c + 1).SetValue(cells[c]);
                }
            }
        }

        workbook.SaveAs(path);
    }
}
