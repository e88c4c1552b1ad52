using BatchOrders.PartnerCenter;
using BatchOrders.Preflight;
using BatchOrders.Runs;
using BatchOrders.Sandbox;
using BatchOrders.Submission;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Preflight;

/// <summary>
/// The preflight's reads kept in the journal for a rerun: one within <see cref="SubmissionOptions.ReadsReusedFor"/>
/// reuses every read that found nothing wrong; a read older than that, or one a finding rests on, is made again.
/// </summary>
public sealed class PreflightReuseTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration";
    private const int Customers = 6;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_rerun_within_the_age_reuses_every_read_and_reads_nothing()
    {
        await using var sandbox = await StartAsync();
        var path = WriteBatch(sandbox);

        var first = await PreflightAsync(sandbox, path);
        var readsBefore = Reads(sandbox);
        var second = await PreflightAsync(sandbox, path);

        Assert.True(first.Passes(strict: false) && first.Warnings.Count == 0, string.Join("; ", first.Errors.Concat(first.Warnings).Select(e => e.Message)));
        Assert.True(first.TotalReads >= 3 * Customers, $"{first.TotalReads} reads");
        Assert.Equal(0, first.Reused);
        Assert.Equal((0, first.TotalReads), (second.TotalReads, second.Reused));
        Assert.Equal(readsBefore, Reads(sandbox));
        Assert.Equal(first.OffersToSend, second.OffersToSend);
    }

    [Theory]
    [InlineData(601, 10)] // a read older than the age (10 min 1 s on a 10-minute age)
    [InlineData(0, 0)] // no age: nothing is reused
    public async Task A_read_older_than_the_age_or_with_no_age_is_made_again(int secondsLater, int reusedForMinutes)
    {
        await using var sandbox = await StartAsync();
        var path = WriteBatch(sandbox);

        var first = await PreflightAsync(sandbox, path);
        var second = await PreflightAsync(sandbox, path, reusedFor: TimeSpan.FromMinutes(reusedForMinutes), time: new ShiftedTime(TimeSpan.FromSeconds(secondsLater)));

        Assert.Equal(first.Reads, second.Reads);
        Assert.Equal(0, second.Reused);
    }

    [Fact]
    public async Task A_kept_read_that_now_produces_a_finding_is_made_again_and_then_forgotten_the_others_are_reused()
    {
        await using var sandbox = await StartAsync();
        var path = WriteBatch(sandbox);
        var first = await PreflightAsync(sandbox, path);

        // The user raises a row's quantity above what the SKU sells: the finding rests on the SKU's read, kept by the first run.
        var rows = File.ReadAllLines(path);
        rows[1] = rows[1].Replace(",2,Monthly,P1M", ",301,Monthly,P1M", StringComparison.Ordinal);
        File.WriteAllLines(path, rows);
        var readsBefore = Reads(sandbox);
        var second = await PreflightAsync(sandbox, path);
        var readsOfTheSecond = Reads(sandbox) - readsBefore;
        var third = await PreflightAsync(sandbox, path);

        var error = Assert.Single(second.Errors);
        Assert.Equal(("Quantity", 2), (error.Column, error.Row));
        Assert.Equal(new Dictionary<string, int> { ["sku"] = 1 }, second.Reads);
        Assert.Equal(first.TotalReads - 1, second.Reused);
        Assert.Equal(1, readsOfTheSecond);
        Assert.Equal(new Dictionary<string, int> { ["sku"] = 1 }, third.Reads);
        Assert.Single(third.Errors);
    }

    [Fact]
    public async Task A_read_that_produced_a_warning_is_made_again_by_the_rerun()
    {
        await using var sandbox = await StartAsync();
        var path = WriteBatch(sandbox, staleFirstRow: true);

        var first = await PreflightAsync(sandbox, path);
        var second = await PreflightAsync(sandbox, path);

        var warning = Assert.Single(first.Warnings);
        Assert.Equal(2, warning.Row);
        Assert.Single(second.Warnings);
        Assert.Equal(new Dictionary<string, int> { ["availabilities"] = 1 }, second.Reads);
        Assert.Equal(first.TotalReads - 1, second.Reused);
    }

    /// <summary>
    /// New customers each buying Business Basic (new commerce, today's id) and Business Basic (legacy): nothing to
    /// find. With <paramref name="staleFirstRow"/>, the first row names an availability Partner Center has since reissued.
    /// </summary>
    private string WriteBatch(SandboxServer sandbox, bool staleFirstRow = false)
    {
        if (staleFirstRow)
        {
            sandbox.RotateAvailabilities();
        }

        var today = sandbox.CurrentCatalogItemId(SandboxHost.NceBusinessBasic);
        var lines = new List<string> { Header };
        for (var i = 0; i < Customers; i++)
        {
            var customer = OrderFiles.Customer(43, i);
            lines.Add($"{customer},{(i == 0 && staleFirstRow ? SandboxHost.NceBusinessBasic : today)},2,Monthly,P1M");
            lines.Add($"{customer},{SandboxHost.BusinessBasic},3,Monthly,");
        }

        return _folder.WriteText("reuse.csv", string.Join("\n", lines) + "\n");
    }

    private static long Reads(SandboxServer sandbox) => sandbox.GetStats().Families.GetValueOrDefault("reads")?.Requests ?? 0;

    private static Task<SandboxServer> StartAsync() =>
        SandboxServer.StartAsync(new SandboxOptions { Seed = 43, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None });

    private static async Task<PreflightResult> PreflightAsync(SandboxServer sandbox, string path, TimeProvider? time = null, TimeSpan? reusedFor = null)
    {
        var input = BatchInput.Load(path, cancellationToken: CancellationToken.None);
        Assert.True(input.IsValid, input.Read.Problem?.Message ?? string.Join("; ", input.Errors.Select(e => e.Message)));
        var submission = SubmissionExactlyOnceTests.FastRetries with { AttemptTimeout = TimeSpan.FromSeconds(10) };
        var (run, problem) = BatchRun.Open(input, Target.Endpoint(sandbox.BaseAddress), new BatchRunOptions
        {
            Submission = reusedFor is { } age ? submission with { ReadsReusedFor = age } : submission,
            Time = time ?? TimeProvider.System,
        });
        Assert.Null(problem);
        using (run)
        {
            using var http = SubmissionExactlyOnceTests.Http(sandbox);
            return await run!.PreflightAsync(new PartnerCenterClient(http), new PreflightOptions(), CancellationToken.None);
        }
    }

    /// <summary>The system's clock, <paramref name="offset"/> ahead: a rerun that long after.</summary>
    private sealed class ShiftedTime(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
