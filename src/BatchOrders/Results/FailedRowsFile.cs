using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Problems;
using BatchOrders.Reading;
using ClosedXML.Excel;
using CsvHelper;

namespace BatchOrders.Results;

/// <summary>
/// The failed-rows file: the input's columns (same names, same order) and, after them, why each row is here (the
/// <see cref="ReasonColumns"/>), with only the rows that were refused or never sent, so it can be fixed and
/// submitted again as it is. CSV input gives <c>&lt;input&gt;.failed.csv</c>,
/// a workbook gives <c>&lt;input&gt;.failed.xlsx</c> with the input's sheet name.
/// </summary>
/// <remarks>
/// Formula injection: in the workbook every value is a text (or plain whole-number) cell, so the round trip is
/// exact. In CSV, a value a spreadsheet would run as a formula gets a leading <c>'</c> (OWASP's advice, see
/// <see cref="FormulaText.Guard"/>); plain numbers such as <c>-5</c> are left alone. Excel opens such a cell as
/// the text without the apostrophe and saves it back without one, so the usual path — open in Excel, fix, save,
/// submit — gives the user's original value. Only a file submitted again without passing through a spreadsheet
/// keeps the apostrophe in those (rare) cells. We accept that rather than leave a CSV that runs a formula when a
/// finance user double-clicks it.
/// </remarks>
public static class FailedRowsFile
{
    /// <summary>What starts the name of every column the tool adds to a file of rows to fix: the reader leaves these to the results.</summary>
    internal const string ReasonPrefix = "Result: ";

    /// <summary>
    /// The states whose rows go into the file: refused by Partner Center, or never sent. Not orders in flight (their
    /// outcome is unknown: the order may exist) nor conflicts (an earlier version succeeded): submitted again as a new
    /// batch, with new request ids, either could be ordered twice. Rerunning the original command resumes those.
    /// </summary>
    public static IReadOnlyList<OrderState> States { get; } = [OrderState.Failed, OrderState.Pending];

    /// <summary><c>&lt;input&gt;.failed.csv</c>, or <c>.failed.xlsx</c> when the input was a workbook.</summary>
    public static string DefaultPath(JournalBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Path.GetFullPath(batch.InputPath) + (batch.Sheet is null ? ".failed.csv" : ".failed.xlsx");
    }

    /// <summary>
    /// Writes the file (format by extension: .xlsx is a workbook, anything else CSV). With no rows to write, no
    /// file is left at the path: an old one would offer rows that have since succeeded for ordering again.
    /// </summary>
    public static ResultsFileOutcome Write(BatchJournal journal, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var batch = journal.GetBatch() ?? throw new InvalidOperationException($"The journal {journal.Path} has no batch yet.");
        var target = Path.GetFullPath(path ?? DefaultPath(batch));
        // A line another version bought, or a cart bought on its own, is not offered again even when its order failed.
        var open = journal.GetOrders([.. States]).ToDictionary(o => o.OrderKey, StringComparer.Ordinal);
        var kept = KeptColumns(batch.Headers);
        var headers = kept.Select(c => batch.Headers[c]).Concat(ReasonColumns).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in journal.GetRows())
        {
            if (row.OrderKey is null || !open.TryGetValue(row.OrderKey, out var order))
            {
                continue;
            }

            var line = order.LineItems.FirstOrDefault(l => l.LineItemNumber == row.LineItemNumber);
            if (line is { IsBought: false } or null)
            {
                rows.Add([.. kept.Select(c => c < row.Cells.Count ? row.Cells[c] : string.Empty), .. Reason(order, line)]);
            }
        }

        if (rows.Count == 0)
        {
            var removed = File.Exists(target) ? AtomicFile.Delete(target) : null;
            return new ResultsFileOutcome(target, 0, removed is null ? null : new FileNotRemoved(target, removed));
        }

        var workbook = string.Equals(Path.GetExtension(target), ".xlsx", StringComparison.OrdinalIgnoreCase);
        var problem = AtomicFile.Write(target, stream =>
        {
            if (workbook)
            {
                WriteXlsx(stream, batch.Sheet ?? "Orders", headers, rows);
            }
            else
            {
                WriteCsv(stream, headers, rows);
            }
        });
        return new ResultsFileOutcome(target, rows.Count, problem is null ? null : new FileNotWritten(target, problem));
    }

    /// <summary>
    /// The columns after the input's own that say why each row is here and how it was to be bought. They start with
    /// <see cref="ReasonPrefix"/>, which the reader leaves to the results as unknown columns; a failed-rows file made
    /// from a resubmitted one drops the old ones, so they never stack up.
    /// </summary>
    public static IReadOnlyList<string> ReasonColumns { get; } = [.. new[] { "State", "Path", "CartId", "ErrorCode", "ErrorMessage" }.Select(c => ReasonPrefix + c)];

    internal static List<int> KeptColumns(IReadOnlyList<string> headers) =>
        [.. Enumerable.Range(0, headers.Count).Where(c => !headers[c].StartsWith(ReasonPrefix, StringComparison.OrdinalIgnoreCase))];

    private static string[] Reason(JournalOrder order, JournalLineItem? line) =>
    [
        order.State == OrderState.Failed ? nameof(OrderState.Failed) : "Not sent",
        order.Path == PurchasePath.Cart ? "cart" : "order",
        order.CartId ?? string.Empty,
        line?.ErrorCode ?? order.ErrorCode ?? string.Empty,
        line?.ErrorMessage ?? order.ErrorMessage ?? string.Empty,
    ];

    internal static void WriteCsv(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        // A byte order mark so Excel opens it as UTF-8 (names such as "Müller"); the reader accepts it.
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.None };
        using var writer = CsvWriter.Create(output, options, leaveOpen: true);
        writer.WriteRecord([.. headers.Select(FormulaText.Guard)]);
        var fields = new string[headers.Count];
        foreach (var row in rows)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = FormulaText.Guard(i < row.Count ? row[i] : string.Empty);
            }

            writer.WriteRecord(fields);
        }

        writer.Flush();
    }

    internal static void WriteXlsx(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Author = "BatchOrders";
        workbook.Properties.Title = "BatchOrders failed rows";
        var sheet = workbook.AddWorksheet(sheetName);
        var widths = new ColumnWidths();
        for (var c = 0; c < headers.Count; c++)
        {
            WorkbookSheets.Text(sheet.Cell(1, c + 1), headers[c], widths, c + 1);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        var r = 1;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < headers.Count; c++)
            {
                WorkbookSheets.InputCell(sheet.Cell(r, c + 1), c < row.Count ? row[c] : string.Empty, widths, c + 1);
            }
        }

        sheet.SheetView.FreezeRows(1);
        for (var c = 1; c <= headers.Count; c++)
        {
            sheet.Column(c).Width = widths.Width(c);
        }

        workbook.SaveAs(output);
    }
}
