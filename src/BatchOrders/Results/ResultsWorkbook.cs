using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Problems;
using BatchOrders.Reading;
using ClosedXML.Excel;

namespace BatchOrders.Results;

/// <summary>
/// The results workbook: a Summary sheet, a Results sheet (every input row with all its columns and what became of
/// it), an Orders sheet and, for input with errors, a Validation sheet. Written from the journal alone, or from a
/// read and plan when nothing was sent (what-if, invalid input). Always written atomically.
/// </summary>
public static class ResultsWorkbook
{
    /// <summary>The batch at a glance: target, input, timings, states, how to resume.</summary>
    public const string SummarySheet = "Summary";

    /// <summary>The Summary sheet's label for the version of BatchOrders that wrote the workbook.</summary>
    public const string VersionLabel = "Written by BatchOrders";

    /// <summary>Every input row with all its columns and what became of it.</summary>
    public const string ResultsSheet = "Results";

    /// <summary>One row per planned order.</summary>
    public const string OrdersSheet = "Orders";

    /// <summary>Every problem of an input that was not sent.</summary>
    public const string ValidationSheet = "Validation";

    /// <summary>The columns after the input's own on the Results sheet.</summary>
    public static IReadOnlyList<string> ResultColumns { get; } =
        ["State", "OrderId", "SubscriptionId", "Path", "CartId", "LineItemNumber", "ErrorCode", "ErrorMessage", "Attempts", "RequestId", "CorrelationId", "SubmittedAt", "OfferBought"];

    private static readonly XLColor SandboxBanner = XLColor.FromArgb(0xFF, 0xFF, 0xEB, 0x9C);
    private static readonly XLColor LiveBanner = XLColor.FromArgb(0xFF, 0xFF, 0xC7, 0xCE);
    private static readonly XLColor NothingSentBanner = XLColor.FromArgb(0xFF, 0xDD, 0xEB, 0xF7);

    /// <summary>The default results workbook of an input file: beside it, <c>&lt;input&gt;.results.xlsx</c>.</summary>
    public static string DefaultPath(string inputPath) => Path.GetFullPath(inputPath) + ".results.xlsx";

    /// <summary>Writes the workbook of a batch from its journal (to <c>&lt;input&gt;.results.xlsx</c> unless a path is given).</summary>
    public static ResultsFileOutcome Write(BatchJournal journal, string? path = null, ResultsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var batch = journal.GetBatch() ?? throw new InvalidOperationException($"The journal {journal.Path} has no batch yet.");
        var target = Path.GetFullPath(path ?? DefaultPath(batch.InputPath));
        var rows = 0;
        var problem = AtomicFile.Write(target, stream => rows = Write(journal, stream, options ?? new ResultsOptions()));
        return new ResultsFileOutcome(target, rows, problem is null ? null : new FileNotWritten(target, problem));
    }

    /// <summary>
    /// Writes the workbook of input that was not sent: a what-if, or a file with row errors (listed on the
    /// Validation sheet). Its Summary says plainly that nothing was sent.
    /// </summary>
    public static ResultsFileOutcome WritePlan(ReadResult read, IReadOnlyList<RowError> errors, OrderPlan? plan, string? path = null, ResultsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(errors);
        var target = Path.GetFullPath(path ?? DefaultPath(read.File));
        var rows = 0;
        var problem = AtomicFile.Write(target, stream => rows = WritePlan(read, errors, plan, stream, options ?? new ResultsOptions()));
        return new ResultsFileOutcome(target, rows, problem is null ? null : new FileNotWritten(target, problem));
    }

    /// <summary>Writes the journal's workbook to a stream; returns the number of input rows on the Results sheet.</summary>
    internal static int Write(BatchJournal journal, Stream output, ResultsOptions options)
    {
        var orders = journal.GetOrders();
        var summary = BatchSummary.From(journal, orders);
        var rows = journal.GetRows();
        var byKey = orders.ToDictionary(o => o.OrderKey, StringComparer.Ordinal);

        using var workbook = NewWorkbook("BatchOrders results");
        WriteSummary(workbook.AddWorksheet(SummarySheet), summary, options);
        var results = WorkbookSheets.WriteResults(workbook.AddWorksheet(ResultsSheet), summary.Batch.Headers, rows.Select(row => ToLine(row, byKey)));
        var orderSheet = WorkbookSheets.WriteOrders(workbook.AddWorksheet(OrdersSheet), orders.Select(ToLine));
        if (options.Warnings.Count > 0)
        {
            WorkbookSheets.WriteValidation(workbook.AddWorksheet(ValidationSheet), [], options.Warnings);
        }

        workbook.Worksheet(SummarySheet).SetTabActive();
        StreamedWorkbook.Save(workbook, [results, orderSheet], output);
        return rows.Count;
    }

    internal static int WritePlan(ReadResult read, IReadOnlyList<RowError> errors, OrderPlan? plan, Stream output, ResultsOptions options)
    {
        var valid = read.Problem is null && errors.Count == 0 && plan is not null;
        var placement = new Dictionary<RowLocation, (int Order, int LineItem)>();
        for (var i = 0; plan is not null && i < plan.Orders.Count; i++)
        {
            foreach (var item in plan.Orders[i].LineItems)
            {
                placement[item.Row.Location] = (i + 1, item.LineItemNumber);
            }
        }

        var state = valid ? "Planned" : "Not sent";
        var allErrors = read.Problem is { } problem ? [new RowError(problem.File, null, null, null, null, problem.Message), .. errors] : errors;

        using var workbook = NewWorkbook("BatchOrders plan (nothing sent)");
        WritePlanSummary(workbook.AddWorksheet(SummarySheet), read, allErrors, valid ? plan : null, options);
        var streamed = new List<StreamedSheet>
        {
            WorkbookSheets.WriteResults(workbook.AddWorksheet(ResultsSheet), read.Headers, read.Rows.Select(row =>
                new ResultLine(row.Cells, state, LineItemNumber: placement.TryGetValue(row.Location, out var place) ? place.LineItem : null))),
        };
        if (valid)
        {
            streamed.Add(WorkbookSheets.WriteOrders(workbook.AddWorksheet(OrdersSheet), plan!.Orders.Select((o, i) => new OrderLine(
                i + 1, o.CustomerId, o.BillingCycle?.ToWireValue(), o.IsAddOn, o.OrderId, o.LineItems.Count,
                WorkbookSheets.FormatRows(o.LineItems.Select(l => l.Row.Location.Row)), "Planned", o.OrderKey))));
        }

        if (allErrors.Count > 0 || options.Warnings.Count > 0)
        {
            WorkbookSheets.WriteValidation(workbook.AddWorksheet(ValidationSheet), allErrors, options.Warnings);
        }

        workbook.Worksheet(SummarySheet).SetTabActive();
        StreamedWorkbook.Save(workbook, streamed, output);
        return read.Rows.Count;
    }

    /// <summary>A row's line of the Results sheet: its outcome (<see cref="RowOutcome"/>) and its order's details.</summary>
    private static ResultLine ToLine(JournalRow row, Dictionary<string, JournalOrder> orders)
    {
        var outcome = RowOutcome.Of(row, orders);
        if (outcome.Order is not { } order)
        {
            return new ResultLine(row.Cells, outcome.State, LineItemNumber: row.LineItemNumber);
        }

        return new ResultLine(
            row.Cells, outcome.State, outcome.OrderId, outcome.Line?.SubscriptionId, order.Path == PurchasePath.Cart ? "cart" : "order", order.CartId, row.LineItemNumber,
            outcome.ErrorCode, outcome.ErrorMessage, order.Attempts, order.RequestId, order.CorrelationId, order.SubmittedAt, outcome.Line?.SentOfferId);
    }

    private static OrderLine ToLine(JournalOrder order) => new(
        order.Sequence + 1, order.CustomerId, order.BillingCycle, order.IsAddOn, order.TargetOrderId, order.LineItems.Count,
        WorkbookSheets.FormatRows(order.LineItems.Select(l => l.Row)), order.State.ToString(), order.OrderKey, order.PartnerOrderId,
        order.HttpStatus, order.ErrorCode, order.ErrorMessage, order.Attempts, order.RequestId, order.CorrelationId,
        order.SubmittedAt, order.CompletedAt, order.SupersededBy);

    private static void WriteSummary(IXLWorksheet sheet, BatchSummary summary, ResultsOptions options)
    {
        var writer = new SummaryWriter(sheet);
        writer.Banner(summary.Batch.Target.Banner, summary.Batch.Target.Kind == TargetKind.Sandbox ? SandboxBanner : LiveBanner);
        writer.Text("Target", summary.Batch.Target.Name);
        writer.Text("Input file", summary.Batch.InputPath);
        writer.Text("Sheet", summary.Batch.Sheet);
        writer.Text("Input SHA-256", summary.Batch.InputSha256);
        if (summary.Carts.Orders > 0)
        {
            writer.Text("Carts", string.Create(CultureInfo.InvariantCulture,
                $"{summary.Carts.Orders:N0} orders bought through carts, {summary.Carts.Created:N0} carts created, {summary.Carts.CheckedOut:N0} checked out"));
        }

        if (summary.Inputs.Count > 1)
        {
            writer.Text("Files that fed the batch", string.Join("; ", summary.Inputs.Select(i => i.Path)));
        }

        writer.Text("Journal", summary.JournalPath);
        writer.Blank();
        writer.Date("Started", summary.StartedAt);
        writer.Date("Ended", summary.EndedAt);
        if (summary.StartedAt is not null && summary.EndedAt is null)
        {
            writer.Text("Note", "The last run has no recorded end: it is still running or was stopped. Rerun the command to resume.");
        }

        writer.Duration("Duration (first start to last end)", summary.Duration);
        writer.Duration("Time spent running", summary.RunningTime);
        writer.Number("Runs", summary.Runs.Count);
        if (summary.Runs.Count > 0)
        {
            writer.Text("Runs made by", RunVersions(summary.Runs));
        }

        writer.Decimal("Throughput (orders per minute)", summary.OrdersPerMinute);
        writer.Blank();
        writer.StateTable(summary.Orders, summary.Rows);
        writer.Blank();
        writer.Text("Resume with", summary.ResumeCommand().ToString());
        writer.Text("Write this workbook again", CommandLine.Report(summary.JournalPath));
        writer.Date("Workbook written", options.Time.GetUtcNow());
        writer.Text(VersionLabel, BatchOrdersVersion.Current);
        writer.Text("Times", "All times are UTC.");
        writer.Finish();
    }

    private static void WritePlanSummary(IXLWorksheet sheet, ReadResult read, IReadOnlyList<RowError> errors, OrderPlan? plan, ResultsOptions options)
    {
        var writer = new SummaryWriter(sheet);
        var rowsWithErrors = errors.Where(e => e.Row is not null).Select(e => e.Row).Distinct().Count();
        writer.Banner(
            plan is not null
                ? "NOTHING WAS SENT — this is the plan only (what-if)"
                : string.Create(CultureInfo.InvariantCulture, $"NOTHING WAS SENT — the input has {errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}{(rowsWithErrors > 0 ? $" in {rowsWithErrors} row{(rowsWithErrors == 1 ? string.Empty : "s")}" : string.Empty)}: see the Validation sheet"),
            NothingSentBanner);
        writer.Text("Input file", Path.GetFullPath(read.File));
        writer.Text("Sheet", read.Sheet);
        writer.Text("Input SHA-256", File.Exists(read.File) ? InputHash.Compute(read.File) : null);
        writer.Number("Data rows", read.DataRowCount);
        writer.Number("Valid rows", read.Rows.Count);
        writer.Number("Problems", errors.Count);
        if (plan is not null)
        {
            var totals = plan.Summarize();
            writer.Number("Customers", totals.Customers);
            writer.Number("Orders planned", totals.Orders);
            writer.Number("Orders adding add-ons", totals.AddOnOrders);
            writer.Number("Line items", totals.LineItems);
            writer.Number("Licences", totals.TotalQuantity);
        }

        writer.Blank();
        writer.Text("Next", plan is not null
            ? $"Order them with: {CommandLine.Submit(read.File)}"
            : "Fix the problems listed on the Validation sheet, then run the command again.");
        writer.Date("Workbook written", options.Time.GetUtcNow());
        writer.Text(VersionLabel, BatchOrdersVersion.Current);
        writer.Text("Times", "All times are UTC.");
        writer.Finish();
    }

    /// <summary>The versions of BatchOrders that ran the batch, in the order they first did, with their runs.</summary>
    private static string RunVersions(IReadOnlyList<JournalRun> runs) => string.Join("; ", runs
        .GroupBy(r => r.ToolVersion ?? "a version that did not record itself")
        .Select(g => string.Create(CultureInfo.InvariantCulture,
            $"BatchOrders {g.Key} ({g.Count():N0} run{(g.Count() == 1 ? string.Empty : "s")})")));

    private static XLWorkbook NewWorkbook(string title)
    {
        var workbook = new XLWorkbook();
        workbook.Properties.Author = "BatchOrders";
        workbook.Properties.Title = title;
        return workbook;
    }

    /// <summary>Label and value pairs down two columns, the way a person reads a summary.</summary>
    private sealed class SummaryWriter(IXLWorksheet sheet)
    {
        private int _row;

        public void Banner(string text, XLColor fill)
        {
            _row++;
            var cell = sheet.Cell(_row, 1);
            WorkbookSheets.Text(cell, text);
            cell.Style.Font.Bold = true;
            cell.Style.Font.FontSize = 16;
            var range = sheet.Range(_row, 1, _row, 4);
            range.Style.Fill.BackgroundColor = fill;
            sheet.Row(_row).Height = 28;
            _row++;
        }

        public void Blank() => _row++;

        public void Text(string label, string? value)
        {
            var cell = Label(label);
            WorkbookSheets.Text(cell, value ?? "-");
        }

        public void Number(string label, long value) => WorkbookSheets.Number(Label(label), value);

        public void Decimal(string label, double? value)
        {
            var cell = Label(label);
            if (value is { } number)
            {
                cell.SetValue(Math.Round(number, 1));
                cell.Style.NumberFormat.Format = "0.0";
            }
            else
            {
                WorkbookSheets.Text(cell, "-");
            }
        }

        public void Date(string label, DateTimeOffset? value)
        {
            var cell = Label(label);
            if (value is null)
            {
                WorkbookSheets.Text(cell, "-");
            }
            else
            {
                WorkbookSheets.Date(cell, value);
            }
        }

        public void Duration(string label, TimeSpan? value)
        {
            var cell = Label(label);
            if (value is { } duration)
            {
                // A real Excel duration, shown as [h]:mm:ss (built-in format 46), whole seconds.
                cell.SetValue(TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds)));
            }
            else
            {
                WorkbookSheets.Text(cell, "-");
            }
        }

        public void StateTable(IReadOnlyDictionary<OrderState, int> orders, IReadOnlyDictionary<OrderState, int> rows)
        {
            _row++;
            foreach (var (column, name) in new[] { (1, "State"), (2, "Orders"), (3, "Rows") })
            {
                var header = sheet.Cell(_row, column);
                WorkbookSheets.Text(header, name);
                header.Style.Font.Bold = true;
            }

            foreach (var state in Enum.GetValues<OrderState>())
            {
                _row++;
                var cell = sheet.Cell(_row, 1);
                WorkbookSheets.Text(cell, state.ToString());
                StateColours.Apply(cell, state.ToString());
                WorkbookSheets.Number(sheet.Cell(_row, 2), orders.GetValueOrDefault(state));
                WorkbookSheets.Number(sheet.Cell(_row, 3), rows.GetValueOrDefault(state));
            }

            _row++;
            WorkbookSheets.Text(sheet.Cell(_row, 1), "Total");
            sheet.Cell(_row, 1).Style.Font.Bold = true;
            WorkbookSheets.Number(sheet.Cell(_row, 2), orders.Values.Sum());
            WorkbookSheets.Number(sheet.Cell(_row, 3), rows.Values.Sum());
        }

        public void Finish()
        {
            sheet.Column(1).Width = 36;
            sheet.Column(2).Width = 70;
            sheet.Column(3).Width = 10;
            sheet.Column(4).Width = 10;
        }

        private IXLCell Label(string label)
        {
            _row++;
            var cell = sheet.Cell(_row, 1);
            WorkbookSheets.Text(cell, label);
            cell.Style.Font.Bold = true;
            var value = sheet.Cell(_row, 2);
            value.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            return value;
        }
    }
}
