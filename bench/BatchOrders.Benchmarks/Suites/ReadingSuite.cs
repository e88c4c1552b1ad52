using BatchOrders.Planning;
using BatchOrders.Reading;
using ClosedXML.Excel;
using CsvHelper;

namespace BatchOrders.Benchmarks.Suites;

/// <summary>
/// Reading + validation + planning (issue 2): ours against CsvHelper reading the same CSV into plain records and
/// against ClosedXML loading the same workbook, the xlsx row source alone at two sizes to show that its memory
/// does not grow with the sheet, and (issue 12) the Open XML SDK's package layer and OpenXmlReader enumerating the
/// same 100,000 rows, the alternative to the row source's own zip and XML reading.
/// </summary>
internal sealed class ReadingSuite : IBenchmarkSuite
{
    private const string CsvOurs = "csv-ours";
    private const string CsvBaseline = "csv-csvhelper";
    private const string CsvSource = "csv-source";
    private const string XlsxOurs = "xlsx-ours";
    private const string XlsxBaseline = "xlsx-closedxml";
    private const string XlsxSourceSmall = "xlsx-source-10k";
    private const string XlsxSourceLarge = "xlsx-source-100k";
    private const string XlsxInlineSmall = "xlsx-inline-source-10k";
    private const string XlsxInlineLarge = "xlsx-inline-source-100k";
    private const string XlsxOpenXmlReader = "xlsx-openxmlreader-100k";

    // The row-source cases run with a small gen0 budget, so their peak resident set is what the reader keeps, not how
    // much garbage the GC lets pile up before its first collection (about 90 MiB here: one gen0 collection in a
    // 100,000-row read, which made the 100k/10k ratio a measure of the budget, 2.4x, whatever the reader held).
    private static readonly Dictionary<string, string> SmallGen0 = new() { ["DOTNET_GCgen0size"] = "0x400000" };

    public string Name => "reading";

    public IReadOnlyList<BenchmarkCase> Cases(BenchSettings settings)
    {
        var inputs = settings.Inputs;
        var csvRows = settings.Size(1_000_000, 100_000);
        var xlsxRows = settings.Size(100_000, 10_000);
        var csv = inputs.Csv(csvRows, settings.Seed);
        // The CSV cases warm up on 100,000 rows: with 10,000 the code that runs once per batch of rows or per range of
        // groups was called too few times to be promoted, and the first measured iteration ran at 2-3x the next ones.
        const int CsvWarmUpRows = 100_000;
        var csvWarmUp = inputs.Csv(CsvWarmUpRows, settings.Seed);
        var xlsx = inputs.Xlsx(xlsxRows, settings.Seed);
        var xlsxSmall = inputs.Xlsx(10_000, settings.Seed);
        var xlsxLarge = inputs.Xlsx(100_000, settings.Seed);
        var xlsxWarmUp = inputs.Xlsx(2_000, settings.Seed);
        var inlineSmall = inputs.XlsxInline(10_000, settings.Seed);
        var inlineLarge = inputs.XlsxInline(100_000, settings.Seed);

        return
        [
            new(CsvOurs, $"SpreadsheetReader.Read + OrderPlanner.Plan, {csvRows:N0}-row CSV", csv,
                clock => ReadAndPlan(csv, csvRows, clock), clock => ReadAndPlan(csvWarmUp, CsvWarmUpRows, clock)),
            new(CsvBaseline, $"CsvHelper GetRecords<T>() into a List, {csvRows:N0}-row CSV", csv,
                clock => CsvHelperRecords(csv, clock), clock => CsvHelperRecords(csvWarmUp, clock)),
            new(CsvSource, "profile: CsvRowSource rows enumerated, not kept (reading without validation)", csv,
                _ => EnumerateCsvSource(csv), _ => EnumerateCsvSource(csvWarmUp)),
            new(XlsxOurs, $"SpreadsheetReader.Read + OrderPlanner.Plan, {xlsxRows:N0}-row xlsx", xlsx,
                clock => ReadAndPlan(xlsx, xlsxRows, clock), clock => ReadAndPlan(xlsxWarmUp, 2_000, clock)),
            new(XlsxBaseline, $"ClosedXML new XLWorkbook(path) + every used row's cells, {xlsxRows:N0}-row xlsx", xlsx,
                clock => ClosedXmlLoad(xlsx, clock), clock => ClosedXmlLoad(xlsxWarmUp, clock)),
            new(XlsxSourceSmall, "XlsxRowSource rows enumerated, not kept, 10,000-row xlsx", xlsxSmall,
                _ => EnumerateXlsxSource(xlsxSmall), _ => EnumerateXlsxSource(xlsxWarmUp), ChildEnvironment: SmallGen0),
            new(XlsxSourceLarge, "XlsxRowSource rows enumerated, not kept, 100,000-row xlsx", xlsxLarge,
                _ => EnumerateXlsxSource(xlsxLarge), _ => EnumerateXlsxSource(xlsxWarmUp), ChildEnvironment: SmallGen0),
            new(XlsxInlineSmall, "XlsxRowSource, same rows as inline strings (no shared string table), 10,000 rows", inlineSmall,
                _ => EnumerateXlsxSource(inlineSmall), _ => EnumerateXlsxSource(xlsxWarmUp), ChildEnvironment: SmallGen0),
            new(XlsxInlineLarge, "XlsxRowSource, same rows as inline strings (no shared string table), 100,000 rows", inlineLarge,
                _ => EnumerateXlsxSource(inlineLarge), _ => EnumerateXlsxSource(xlsxWarmUp), ChildEnvironment: SmallGen0),
            new(XlsxOpenXmlReader, "Open XML SDK: SpreadsheetDocument + OpenXmlReader rows enumerated, not kept, 100,000-row xlsx", xlsxLarge,
                _ => OpenXmlReaderRows.Enumerate(xlsxLarge), _ => OpenXmlReaderRows.Enumerate(xlsxWarmUp), ChildEnvironment: SmallGen0),
        ];
    }

    public IReadOnlyList<Comparison> Compare(IReadOnlyDictionary<string, CaseResult> results)
    {
        var csvSpeed = results[CsvOurs].ItemsPerSecond / results[CsvBaseline].ItemsPerSecond;
        var xlsxSpeed = results[XlsxOurs].ItemsPerSecond / results[XlsxBaseline].ItemsPerSecond;
        var xlsxMemory = (double)results[XlsxOurs].PeakRssBytes / results[XlsxBaseline].PeakRssBytes;
        var sourceGrowth = (double)results[XlsxSourceLarge].PeakRssBytes / results[XlsxSourceSmall].PeakRssBytes;
        var inlineGrowth = (double)results[XlsxInlineLarge].PeakRssBytes / results[XlsxInlineSmall].PeakRssBytes;
        var sdkSpeed = results[XlsxSourceLarge].ItemsPerSecond / results[XlsxOpenXmlReader].ItemsPerSecond;
        var sdkMemory = (double)results[XlsxSourceLarge].PeakRssBytes / results[XlsxOpenXmlReader].PeakRssBytes;
        return
        [
            new("CSV rows/s: ours (read+validate+plan) / CsvHelper records", csvSpeed, "x", ">= 0.70x", csvSpeed >= 0.70),
            new("XLSX rows/s: ours (read+validate+plan) / ClosedXML load", xlsxSpeed, "x", "> 1x (ours faster)", xlsxSpeed > 1),
            new("XLSX peak RSS: ours / ClosedXML", xlsxMemory, "x", "< 1x", xlsxMemory < 1),
            new("XlsxRowSource peak RSS: 100k rows / 10k rows (shared strings)", sourceGrowth, "x", "<= 1.25x (flat)", sourceGrowth <= 1.25),
            new("XlsxRowSource peak RSS: 100k rows / 10k rows (inline strings)", inlineGrowth, "x", "<= 1.25x (flat)", inlineGrowth <= 1.25),
            new("XlsxRowSource rows/s / Open XML SDK OpenXmlReader rows/s, 100k rows", sdkSpeed, "x", "report (keep ours if >= 1x)", true),
            new("XlsxRowSource peak RSS / Open XML SDK OpenXmlReader peak RSS, 100k rows", sdkMemory, "x", "report (keep ours if <= 1x)", true),
        ];
    }

    private static long ReadAndPlan(string path, int expectedRows, PhaseClock clock)
    {
        var read = SpreadsheetReader.Read(path);
        clock.Mark("read+validate");
        var plan = OrderPlanner.Plan(path, read.Rows);
        clock.Mark("plan");

        // The inputs are all valid: anything else means the benchmark measured an error path, not the real one.
        if (read.Problem is not null || read.Errors.Count > 0 || plan.Errors.Count > 0 || read.DataRowCount != expectedRows)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(path)}: expected {expectedRows:N0} valid rows, got {read.DataRowCount:N0} rows, " +
                $"{read.Errors.Count} row errors ({(read.Errors.Count > 0 ? read.Errors[0].Message : "none")}), {plan.Errors.Count} plan errors, problem: {read.Problem?.Message}");
        }

        GC.KeepAlive(plan);
        return read.DataRowCount;
    }

    private static long CsvHelperRecords(string path, PhaseClock clock)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default);
        var records = reader.GetRecords<CsvOrderRecord>().ToList();
        clock.Mark("read");
        return records.Count;
    }

    private static long EnumerateCsvSource(string path)
    {
        using var source = new CsvRowSource(path);
        long rows = 0;
        foreach (var row in source.ReadRowsBuffered(CancellationToken.None))
        {
            rows += row.CellCount > 0 ? 1 : 0;
        }

        return rows - 1;
    }

    private static long ClosedXmlLoad(string path, PhaseClock clock)
    {
        using var workbook = new XLWorkbook(path);
        clock.Mark("load");
        var sheet = workbook.Worksheet(1);
        long rows = 0;
        long characters = 0;
        foreach (var row in sheet.RangeUsed().RowsUsed())
        {
            foreach (var cell in row.Cells())
            {
                characters += cell.GetString().Length;
            }

            rows++;
        }

        clock.Mark("touch rows");
        GC.KeepAlive(characters);
        return rows - 1;
    }

    private static long EnumerateXlsxSource(string path)
    {
        using var source = XlsxRowSource.Open(path, new ReadOptions());
        long rows = 0;
        foreach (var row in source.ReadRows(CancellationToken.None))
        {
            rows += row.CellCount > 0 ? 1 : 0;
        }

        return rows - 1;
    }
}
