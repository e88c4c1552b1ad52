using BatchOrders.Cli.Output;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Tests.Support;
using ClosedXML.Excel;

namespace BatchOrders.Tests.Results;

public sealed class ResultsWorkbookTests : IDisposable
{
    private readonly ResultsFixture _batch = new();

    public void Dispose() => _batch.Dispose();

    [Fact]
    public void The_workbook_goes_beside_the_input_with_summary_results_and_orders_sheets()
    {
        var outcome = ResultsWorkbook.Write(_batch.Journal, options: Options());

        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        Assert.Equal(_batch.InputPath + ".results.xlsx", outcome.Path);
        Assert.Equal(4, outcome.Rows);
        using var workbook = new XLWorkbook(outcome.Path);
        Assert.Equal(["Summary", "Results", "Orders"], workbook.Worksheets.Select(s => s.Name));
        Assert.Empty(Directory.GetFiles(_batch.Folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Results_has_every_input_row_in_order_with_all_its_columns_then_what_became_of_it()
    {
        var sheet = Open().Worksheet("Results");

        Assert.Equal([.. ResultsFixture.Headers, .. ResultsWorkbook.ResultColumns], Headers(sheet));
        Assert.Equal(5, sheet.LastRowUsed().RowNumber());
        Assert.Equal(["Succeeded", "Succeeded", "Failed", "Pending"], Column(sheet, "State"));
        Assert.Equal(["Cs_order1", "Cs_order1", "", ""], Column(sheet, "OrderId"));
        Assert.Equal([Rows.Subscription, "sub-2", "", ""], Column(sheet, "SubscriptionId"));
        Assert.Equal(["0", "1", "0", "0"], Column(sheet, "LineItemNumber"));
        Assert.Equal(["", "", "2002", ""], Column(sheet, "ErrorCode"));
        Assert.Equal(["CC-1", "-12", "+44 20 7946 0000", ""], Column(sheet, "Cost Centre"));
        Assert.Equal(["Sales, \"North\"", "Pending one"], Column(sheet, "FriendlyName").Where((_, i) => i is 1 or 3));
        var order = _batch.Journal.GetOrder(_batch.Plan.Orders[0].OrderKey)!;
        Assert.Equal(order.RequestId.ToString(), Column(sheet, "RequestId")[0]);
        Assert.Equal(order.CorrelationId.ToString(), Column(sheet, "CorrelationId")[0]);
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 3).DataType);
        Assert.Equal(5, sheet.Cell(2, 3).GetValue<int>());
    }

    [Fact]
    public void Dates_are_real_excel_dates_in_utc_and_states_are_coloured()
    {
        var sheet = Open().Worksheet("Results");
        var submitted = sheet.Cell(2, Index(sheet, "SubmittedAt"));

        Assert.Equal(XLDataType.DateTime, submitted.DataType);
        Assert.Equal(_batch.SubmittedAt.UtcDateTime, submitted.GetDateTime());
        Assert.Contains("UTC", submitted.Style.NumberFormat.Format, StringComparison.Ordinal);
        Assert.True(sheet.Cell(5, Index(sheet, "SubmittedAt")).IsEmpty());

        var state = Index(sheet, "State");
        Assert.Equal(XLColor.FromArgb(0xC6EFCE), sheet.Cell(2, state).Style.Fill.BackgroundColor);
        Assert.Equal(XLColor.FromArgb(0xFFC7CE), sheet.Cell(4, state).Style.Fill.BackgroundColor);
        Assert.Equal(XLColor.FromArgb(0xFFEB9C), sheet.Cell(5, state).Style.Fill.BackgroundColor);
    }

    [Fact]
    public void The_header_is_frozen_filters_are_on_and_widths_are_set_without_autofit()
    {
        foreach (var name in new[] { "Results", "Orders" })
        {
            var sheet = Open().Worksheet(name);
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, name);
            Assert.Equal(1, sheet.AutoFilter.Range.FirstRow().RowNumber());
            Assert.All(sheet.ColumnsUsed(), c => Assert.InRange(c.Width, 8, 100));
        }
    }

    [Fact]
    public void Formula_like_values_are_text_cells_and_no_sheet_has_a_formula()
    {
        var outcome = ResultsWorkbook.Write(_batch.Journal, options: Options());
        using var workbook = new XLWorkbook(outcome.Path);
        var sheet = workbook.Worksheet("Results");

        var friendly = sheet.Cell(2, Index(sheet, "FriendlyName"));
        Assert.Equal((XLDataType.Text, false, ResultsFixture.Formula), (friendly.DataType, friendly.HasFormula, friendly.GetString()));
        Assert.True(friendly.Style.IncludeQuotePrefix);
        Assert.Equal("@SUM(1)", sheet.Cell(4, Index(sheet, "FriendlyName")).GetString());
        var error = sheet.Cell(4, Index(sheet, "ErrorMessage"));
        Assert.Equal((XLDataType.Text, false), (error.DataType, error.HasFormula));
        Assert.StartsWith("=cmd|", error.GetString(), StringComparison.Ordinal);
        Assert.All(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => Assert.False(c.HasFormula, c.Address.ToString()));
        Assert.All(ResultsFixture.SheetXml(outcome.Path), xml => Assert.False(ResultsFixture.HasFormulaElement(xml)));
    }

    [Fact]
    public void Orders_has_one_row_per_order_with_kind_rows_state_and_ids()
    {
        var sheet = Open().Worksheet("Orders");

        Assert.Equal(4, sheet.LastRowUsed().RowNumber());
        Assert.Equal(["Succeeded", "Failed", "Pending"], Column(sheet, "State"));
        Assert.Equal(["create", "create", "create"], Column(sheet, "Kind"));
        Assert.Equal(["2-3", "4", "5"], Column(sheet, "InputRows"));
        Assert.Equal(["Cs_order1", "", ""], Column(sheet, "PartnerOrderId"));
        Assert.Equal([Rows.Customer, Rows.OtherCustomer, ResultsFixture.ThirdCustomer], Column(sheet, "CustomerId"));
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, Index(sheet, "CompletedAt")).DataType);
    }

    [Fact]
    public void Summary_says_sandbox_plainly_with_input_hash_times_counts_throughput_and_resume_command()
    {
        var sheet = Open().Worksheet("Summary");
        var values = sheet.CellsUsed().ToDictionary(c => c.Address.ToString()!, c => c);

        Assert.StartsWith("SANDBOX — nothing was ordered", sheet.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal(InputHash.Compute(_batch.InputPath), Value(sheet, "Input SHA-256").GetString());
        Assert.Equal(Path.GetFullPath(_batch.Journal.Path), Value(sheet, "Journal").GetString());
        Assert.Equal(XLDataType.DateTime, Value(sheet, "Started").DataType);
        Assert.Equal(ResultsFixture.Start.UtcDateTime, Value(sheet, "Started").GetDateTime());
        Assert.Equal(ResultsFixture.Start.AddMinutes(1).UtcDateTime, Value(sheet, "Ended").GetDateTime());
        Assert.Equal(TimeSpan.FromMinutes(1), Value(sheet, "Duration (first start to last end)").GetValue<TimeSpan>());
        Assert.Equal(2.0, Value(sheet, "Throughput (orders per minute)").GetDouble());
        Assert.Equal($"batchorders submit {_batch.InputPath}", Value(sheet, "Resume with").GetString());
        var succeeded = Label(sheet, "Succeeded");
        Assert.Equal((1, 2), (succeeded.CellRight().GetValue<int>(), succeeded.CellRight(2).GetValue<int>()));
        var total = Label(sheet, "Total");
        Assert.Equal((3, 4), (total.CellRight().GetValue<int>(), total.CellRight(2).GetValue<int>()));
        Assert.NotEmpty(values);
    }

    [Fact]
    public void Summary_names_the_version_that_wrote_it_and_the_versions_that_ran_the_batch()
    {
        var sheet = Open().Worksheet("Summary");

        Assert.Equal(BatchOrdersVersion.Current, Value(sheet, ResultsWorkbook.VersionLabel).GetString());
        Assert.Equal($"BatchOrders {BatchOrdersVersion.Current} (1 run)", Value(sheet, "Runs made by").GetString());
    }

    [Fact]
    public void A_live_batch_says_live_and_a_journal_elsewhere_is_in_the_resume_command()
    {
        using var folder = new TempFolder();
        var input = folder.WriteText("orders.csv", Rows.Csv("CustomerId,OfferId,Quantity", $"{Rows.Customer},{Rows.E3},5"));
        var read = SpreadsheetReader.Read(input);
        var (journal, _) = BatchJournal.Open(folder.File("elsewhere/my journal.db"));
        using (journal)
        {
            journal!.Bind(input, InputHash.Compute(input), null, read.Headers, Target.Live);
            journal.Synchronize(read, OrderPlanner.Plan(input, read.Rows), InputHash.Compute(input), retryFailed: false);

            var outcome = ResultsWorkbook.Write(journal, folder.File("out.xlsx"));

            using var workbook = new XLWorkbook(outcome.Path);
            var sheet = workbook.Worksheet("Summary");
            Assert.StartsWith("LIVE — real Partner Center orders", sheet.Cell(1, 1).GetString(), StringComparison.Ordinal);
            Assert.EndsWith($"--journal \"{folder.File("elsewhere/my journal.db")}\"", Value(sheet, "Resume with").GetString(), StringComparison.Ordinal);
            Assert.Equal("-", Value(sheet, "Started").GetString());
        }
    }

    [Fact]
    public void An_input_column_named_like_a_result_column_keeps_its_name_and_the_result_moves_aside()
    {
        using var folder = new TempFolder();
        var input = folder.WriteText("addons.csv", Rows.Csv(
            "CustomerId,OfferId,Quantity,ParentSubscriptionId,Order ID,State",
            $"{Rows.Customer},{Rows.E3},5,{Rows.Subscription},{Rows.ExistingOrder},WA"));
        var read = SpreadsheetReader.Read(input);
        Assert.True(read.IsValid);
        var (journal, _) = BatchJournal.Open(BatchJournal.DefaultPath(input));
        using (journal)
        {
            journal!.Bind(input, InputHash.Compute(input), null, read.Headers, Target.Sandbox);
            journal.Synchronize(read, OrderPlanner.Plan(input, read.Rows), InputHash.Compute(input), retryFailed: false);

            using var workbook = new XLWorkbook(ResultsWorkbook.Write(journal).Path);
            var sheet = workbook.Worksheet("Results");
            var headers = Headers(sheet);
            Assert.Equal(["CustomerId", "OfferId", "Quantity", "ParentSubscriptionId", "Order ID", "State", "State (result)", "OrderId (result)"], headers.Take(8));
            Assert.Equal(["WA"], Column(sheet, "State"));
            Assert.Equal(["Pending"], Column(sheet, "State (result)"));
            Assert.Equal(["add-on"], Column(workbook.Worksheet("Orders"), "Kind"));
        }
    }

    [Fact]
    public void A_what_if_workbook_says_nothing_was_sent_and_shows_the_plan()
    {
        var outcome = ResultsWorkbook.WritePlan(_batch.Read, [], _batch.Plan, _batch.Folder.File("plan.xlsx"), Options());

        Assert.True(outcome.Succeeded, outcome.Problem?.Message);
        using var workbook = new XLWorkbook(outcome.Path);
        Assert.Equal(["Summary", "Results", "Orders"], workbook.Worksheets.Select(s => s.Name));
        Assert.StartsWith("NOTHING WAS SENT", workbook.Worksheet("Summary").Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal(["Planned", "Planned", "Planned", "Planned"], Column(workbook.Worksheet("Results"), "State"));
        Assert.Equal(3, workbook.Worksheet("Orders").LastRowUsed().RowNumber() - 1);
        Assert.All(ResultsFixture.SheetXml(outcome.Path), xml => Assert.False(ResultsFixture.HasFormulaElement(xml)));
    }

    [Fact]
    public void Invalid_input_gives_a_validation_sheet_with_every_row_error()
    {
        var input = RepositoryFiles.Get("sample-data", "with-errors.csv");
        var read = SpreadsheetReader.Read(input);
        var plan = OrderPlanner.Plan(input, read.Rows);
        var errors = read.Errors.Concat(plan.Errors).ToList();
        Assert.NotEmpty(errors);

        var outcome = ResultsWorkbook.WritePlan(read, errors, plan: null, _batch.Folder.File("errors.xlsx"), Options());

        using var workbook = new XLWorkbook(outcome.Path);
        Assert.Equal(["Summary", "Results", "Validation"], workbook.Worksheets.Select(s => s.Name));
        Assert.Contains("NOTHING WAS SENT", workbook.Worksheet("Summary").Cell(1, 1).GetString(), StringComparison.Ordinal);
        var validation = workbook.Worksheet("Validation");
        Assert.Equal(["Sheet", "Row", "Column", "Value", "Problem", "Severity"], Headers(validation));
        Assert.Equal(errors.Count + 1, validation.LastRowUsed().RowNumber());
        Assert.Equal(errors.Select(e => e.Message), Column(validation, "Problem"));
        Assert.Equal(errors[0].Row, validation.Cell(2, 2).GetValue<int>());
        Assert.All(Column(workbook.Worksheet("Results"), "State"), s => Assert.Equal("Not sent", s));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_on_the_validation_sheet()
    {
        var read = SpreadsheetReader.Read(_batch.Folder.WriteText("empty.csv", string.Empty));

        var outcome = ResultsWorkbook.WritePlan(read, [], null, _batch.Folder.File("empty.results.xlsx"));

        using var workbook = new XLWorkbook(outcome.Path);
        Assert.Equal(read.Problem!.Message, workbook.Worksheet("Validation").Cell(2, 5).GetString());
    }

    [Fact]
    public void A_results_file_open_in_another_program_is_left_alone_with_a_clear_message()
    {
        var path = _batch.Folder.WriteText("orders.csv.results.xlsx", "old");
        using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var outcome = ResultsWorkbook.Write(_batch.Journal);

            Assert.False(outcome.Succeeded);
            var warning = ResultsFilesView.WorkbookWarning(outcome.Problem!, _batch.Journal.Path, resultsPathGiven: false);
            Assert.Contains("open in another program", warning, StringComparison.Ordinal);
            Assert.Contains("the journal", warning, StringComparison.Ordinal);
            Assert.Contains("batchorders report", warning, StringComparison.Ordinal);
        }

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(_batch.Folder.Path, "*.tmp"));
    }

    [Fact]
    public void A_read_only_results_file_is_left_alone_with_a_clear_message()
    {
        var path = _batch.Folder.WriteText("orders.csv.results.xlsx", "old");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        try
        {
            var outcome = ResultsWorkbook.Write(_batch.Journal);

            Assert.Contains("read-only", outcome.Problem!.Message, StringComparison.Ordinal);
            Assert.Equal("old", File.ReadAllText(path));
        }
        finally
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }
    }

    [Fact]
    public void Writing_again_replaces_the_workbook_with_the_journal_as_it_is_now()
    {
        ResultsWorkbook.Write(_batch.Journal);
        var pending = _batch.Plan.Orders[2].OrderKey;
        _batch.Journal.Apply(pending, new OrderChange.Send());
        _batch.Journal.Apply(pending, new OrderChange.Succeed("Cs_order3", 201, new Dictionary<int, string>()));

        var outcome = ResultsWorkbook.Write(_batch.Journal);

        using var workbook = new XLWorkbook(outcome.Path);
        Assert.Equal("Succeeded", Column(workbook.Worksheet("Results"), "State")[3]);
    }

    internal static List<string> Headers(IXLWorksheet sheet) =>
        sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();

    internal static int Index(IXLWorksheet sheet, string header) =>
        Headers(sheet).IndexOf(header) is var i and >= 0 ? i + 1 : throw new InvalidOperationException($"No column {header}");

    internal static List<string> Column(IXLWorksheet sheet, string header)
    {
        var column = Index(sheet, header);
        var last = sheet.LastRowUsed().RowNumber();
        return Enumerable.Range(2, last - 1).Select(r => sheet.Cell(r, column).GetString()).ToList();
    }

    private static IXLCell Label(IXLWorksheet sheet, string label) =>
        sheet.Column(1).CellsUsed().First(c => c.GetString() == label);

    private static IXLCell Value(IXLWorksheet sheet, string label) => Label(sheet, label).CellRight();

    private ResultsOptions Options() => new() { Time = _batch.Clock };

    private XLWorkbook Open() => new(ResultsWorkbook.Write(_batch.Journal, options: Options()).Path);
}
