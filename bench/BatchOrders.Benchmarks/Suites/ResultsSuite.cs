using System.Diagnostics;
using BatchOrders.Journal;
using BatchOrders.Results;
using ClosedXML.Excel;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// The results workbook of a finished 100,000-row batch: <see cref="ResultsWorkbook.Write(BatchJournal, string?, ResultsOptions?)"/>
/// (Summary, Results and Orders sheets, styles, read from the journal) beside ClosedXML writing the same Results table
/// plainly (the same cells, no styles, no other sheets) from rows already in memory.
/// </summary>
internal sealed class ResultsSuite : IBenchmarkSuite
{
    private const string Ours = "results-ours";
    private const string Baseline = "results-closedxml";

    public string Name => "results";

    public IReadOnlyList<BenchmarkCase> Cases(BenchSettings settings)
    {
        var orders = settings.Size(100_000, 10_000);
        var (_, journal) = settings.Inputs.FinishedJournal(orders, settings.Seed);
        var (_, warmJournal) = settings.Inputs.FinishedJournal(1_000, settings.Seed);
        return
        [
            new(Ours, $"ResultsWorkbook.Write(journal, path), {orders:N0} rows (Summary + Results + Orders sheets)", Path.GetFileName(journal),
                clock => WriteOurs(journal, clock), clock => WriteOurs(warmJournal, clock)),
            new(Baseline, $"ClosedXML: the same {orders:N0}-row Results table, plain, SaveAs", Path.GetFileName(journal),
                clock => WritePlain(journal, clock), clock => WritePlain(warmJournal, clock)),
        ];
    }

    public IReadOnlyList<Comparison> Compare(IReadOnlyDictionary<string, CaseResult> results)
    {
        var time = results[Ours].MedianMs / results[Baseline].Figures!["write ms"];
        var memory = (double)results[Ours].PeakRssBytes / results[Baseline].PeakRssBytes;
        return
        [
            new("results workbook time: ours (journal to file) / ClosedXML plain table write", time, "x", "report (no target)", true),
            new("results workbook peak RSS: ours / ClosedXML plain table", memory, "x", "report (no target)", true),
        ];
    }

    private static long WriteOurs(string cachedJournal, PhaseClock clock)
    {
        var folder = Directory.CreateTempSubdirectory("batchorders-bench-results-");
        try
        {
            var (journal, problem) = BatchJournal.Open(cachedJournal);
            using (journal ?? throw new InvalidOperationException(problem?.Message))
            {
                var outcome = ResultsWorkbook.Write(journal, Path.Combine(folder.FullName, "results.xlsx"));
                clock.Mark("write");
                if (outcome.Problem is not null)
                {
                    throw new InvalidOperationException(outcome.Problem.Message);
                }

                clock.Figure("file MiB", new FileInfo(outcome.Path).Length / (1024.0 * 1024));
                return outcome.Rows;
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static long WritePlain(string cachedJournal, PhaseClock clock)
    {
        var folder = Directory.CreateTempSubdirectory("batchorders-bench-results-");
        try
        {
            List<string[]> table;
            IReadOnlyList<string> headers;
            var (journal, problem) = BatchJournal.Open(cachedJournal);
            using (journal ?? throw new InvalidOperationException(problem?.Message))
            {
                headers = [.. journal.GetBatch()!.Headers, .. ResultsWorkbook.ResultColumns];
                var orders = journal.GetOrders().ToDictionary(o => o.OrderKey);
                table = [.. journal.GetRows().Select(row =>
                {
                    var order = row.OrderKey is null ? null : orders[row.OrderKey];
                    var line = order?.LineItems.FirstOrDefault(l => l.LineItemNumber == row.LineItemNumber);
                    return (string[])[.. row.Cells, order?.State.ToString() ?? string.Empty, order?.PartnerOrderId ?? string.Empty, line?.SubscriptionId ?? string.Empty,
                        order?.Path.ToString() ?? string.Empty, order?.CartId ?? string.Empty, row.LineItemNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, order?.ErrorCode ?? string.Empty, order?.ErrorMessage ?? string.Empty,
                        order?.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, order?.RequestId.ToString() ?? string.Empty,
                        order?.CorrelationId.ToString() ?? string.Empty, order?.SubmittedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty];
                })];
            }

            clock.Mark("load journal");
            var watch = Stopwatch.StartNew();
            using (var workbook = new XLWorkbook())
            {
                var sheet = workbook.AddWorksheet("Results");
                for (var c = 0; c < headers.Count; c++)
                {
                    sheet.Cell(1, c + 1).SetValue(headers[c]);
                }

                for (var r = 0; r < table.Count; r++)
                {
                    var cells = table[r];
                    for (var c = 0; c < cells.Length; c++)
                    {
                        sheet.Cell(r + 2, c + 1).SetValue(cells[c]);
                    }
                }

                workbook.SaveAs(Path.Combine(folder.FullName, "plain.xlsx"));
            }

            watch.Stop();
            clock.Mark("write");
            clock.Figure("write ms", watch.Elapsed.TotalMilliseconds);
            return table.Count;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
