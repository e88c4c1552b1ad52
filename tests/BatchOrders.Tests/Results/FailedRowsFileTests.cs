using BatchOrders.Cli.Output;
using BatchOrders.Journal;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;

namespace BatchOrders.Tests.Results;

public sealed class FailedRowsFileTests
{
    [Fact]
    public void Csv_input_gives_a_csv_of_the_rows_not_succeeded_that_reads_back_with_the_same_columns_and_cells()
    {
        using var batch = new ResultsFixture();

        var outcome = FailedRowsFile.Write(batch.Journal);

        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        Assert.Equal(batch.InputPath + ".failed.csv", outcome.Path);
        Assert.Equal(2, outcome.Rows);
        var again = SpreadsheetReader.Read(outcome.Path);
        Assert.True(again.IsValid, again.Problem?.Message + string.Join("; ", again.Errors.Select(e => e.Message)));
        Assert.Equal([.. batch.Read.Headers, .. FailedRowsFile.ReasonColumns], again.Headers);
        // Formula-like text ("@SUM(1)", "+44 20 …") is written with the CSV text marker and read back without it.
        Assert.Equal(batch.Read.Rows.Skip(2).Select(r => r.Cells), again.Rows.Select(r => r.Cells.Take(batch.Read.Headers.Count)));
        Assert.Equal(["Failed", "order", string.Empty, "2002"], again.Rows[0].Cells.Skip(batch.Read.Headers.Count).Take(4));
        Assert.Equal("Not sent", again.Rows[1].Cells[batch.Read.Headers.Count]);
        Assert.Contains("'@SUM(1)", File.ReadAllText(outcome.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_output_marks_formula_like_text_and_leaves_numbers_and_ordinary_text_alone()
    {
        using var output = new MemoryStream();
        string[] headers = ["CustomerId", "=Header", "Note"];
        string[][] rows =
        [
            ["=1+1", "+SUM(A1)", "-cmd"],
            ["@evil", "-12", "+1.5"],
            ["plain", "a=b", "-"],
            ["\t=tab", "\r=cr", "'quoted"],
        ];

        FailedRowsFile.WriteCsv(output, headers, rows);

        var text = System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        Assert.Equal(
            "CustomerId,'=Header,Note\r\n" +
            "'=1+1,'+SUM(A1),'-cmd\r\n" +
            "'@evil,-12,+1.5\r\n" +
            "plain,a=b,'-\r\n" +
            "'\t=tab,\"'\r=cr\",'quoted\r\n",
            text);
    }

    [Fact]
    public void Xlsx_input_gives_a_workbook_with_the_input_sheet_name_that_reads_back_exactly()
    {
        using var batch = new ResultsFixture(workbook: true);

        var outcome = FailedRowsFile.Write(batch.Journal);

        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        Assert.Equal(batch.InputPath + ".failed.xlsx", outcome.Path);
        var again = SpreadsheetReader.Read(outcome.Path, new ReadOptions { Sheet = "March" });
        Assert.True(again.IsValid, again.Problem?.Message + string.Join("; ", again.Errors.Select(e => e.Message)));
        Assert.Equal([.. batch.Read.Headers, .. FailedRowsFile.ReasonColumns], again.Headers);
        Assert.Equal(batch.Read.Rows.Skip(2).Select(r => r.Cells), again.Rows.Select(r => r.Cells.Take(batch.Read.Headers.Count)));
        using var workbook = new XLWorkbook(outcome.Path);
        var cell = workbook.Worksheet("March").Cell(2, 5);
        Assert.Equal((XLDataType.Text, false, "@SUM(1)"), (cell.DataType, cell.HasFormula, cell.GetString()));
        Assert.All(ResultsFixture.SheetXml(outcome.Path), xml => Assert.False(ResultsFixture.HasFormulaElement(xml)));
    }

    [Fact]
    public void A_formula_in_a_failed_row_of_a_workbook_comes_back_exactly_and_as_text()
    {
        using var batch = new ResultsFixture(workbook: true);
        var first = batch.Plan.Orders[0].OrderKey;
        // A second journal of the same input in which the order with the formula failed.
        using var folder = new TempFolder();
        var (journal, _) = BatchJournal.Open(folder.File("other.db"));
        using (journal)
        {
            journal!.Bind(batch.InputPath, InputHash.Compute(batch.InputPath), batch.Read.Sheet, batch.Read.Headers, Target.Sandbox);
            journal.Synchronize(batch.Read, batch.Plan, InputHash.Compute(batch.InputPath), retryFailed: false);
            journal.Apply(first, new OrderChange.Send());
            journal.Apply(first, new OrderChange.Fail(400, "2002", "no"));

            var outcome = FailedRowsFile.Write(journal, folder.File("failed.xlsx"));

            var again = SpreadsheetReader.Read(outcome.Path);
            Assert.Equal(ResultsFixture.Formula, again.Rows[0].Cells[4]);
            Assert.Equal(4, again.Rows.Count);
            Assert.All(ResultsFixture.SheetXml(outcome.Path), xml => Assert.False(ResultsFixture.HasFormulaElement(xml)));
        }
    }

    [Fact]
    public void Rows_whose_outcome_is_unknown_are_left_out_so_a_resubmitted_file_cannot_order_them_twice()
    {
        using var batch = new ResultsFixture();
        batch.Journal.Synchronize(batch.Read, batch.Plan, InputHash.Compute(batch.InputPath), retryFailed: true);
        var inFlight = batch.Journal.GetOrders(OrderState.Pending)[0];
        batch.Journal.Apply(inFlight.OrderKey, new OrderChange.Send());
        batch.Journal.Apply(inFlight.OrderKey, new OrderChange.KeepInFlight(503, "503", "Service unavailable."));
        var sendingRows = inFlight.LineItems.Select(l => l.Row).ToHashSet();

        var outcome = FailedRowsFile.Write(batch.Journal);

        var again = outcome.Rows == 0 ? [] : SpreadsheetReader.Read(outcome.Path).Rows;
        Assert.DoesNotContain(again, r => sendingRows.Contains(r.Location.Row) && r.CustomerId == inFlight.CustomerId);
    }

    [Fact]
    public void With_every_row_succeeded_there_is_no_failed_rows_file_and_an_old_one_is_removed()
    {
        using var batch = new ResultsFixture();
        var old = batch.Folder.WriteText("orders.csv.failed.csv", "stale");
        batch.Journal.Synchronize(batch.Read, batch.Plan, InputHash.Compute(batch.InputPath), retryFailed: true);
        foreach (var order in batch.Journal.GetOrders(OrderState.Pending))
        {
            batch.Journal.Apply(order.OrderKey, new OrderChange.Send());
            batch.Journal.Apply(order.OrderKey, new OrderChange.Succeed("Cs_x", 201, new Dictionary<int, string>()));
        }

        var outcome = FailedRowsFile.Write(batch.Journal);

        Assert.Equal((true, 0), (outcome.Succeeded, outcome.Rows));
        Assert.False(File.Exists(old));
    }

    [Fact]
    public void A_read_only_failed_rows_file_gives_a_message_not_an_exception()
    {
        using var batch = new ResultsFixture();
        var path = batch.Folder.WriteText("orders.csv.failed.csv", "old");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        try
        {
            var outcome = FailedRowsFile.Write(batch.Journal);

            var warning = ResultsFilesView.FailedRowsWarning(outcome.Problem!, batch.Journal.Path);
            Assert.Contains("read-only", warning, StringComparison.Ordinal);
            Assert.Contains("journal keeps every row", warning, StringComparison.Ordinal);
            Assert.Equal("old", File.ReadAllText(path));
        }
        finally
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }
    }
}
