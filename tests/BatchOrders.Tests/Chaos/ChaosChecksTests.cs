using BatchOrders.Benchmarks;
using BatchOrders.Benchmarks.Chaos;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Chaos;

/// <summary>
/// The chaos harness's verdict on a real mixed batch (carts, orders, add-ons) bought once from the embedded sandbox:
/// no problem as it is, and each broken promise named when its ledger is tampered with.
/// </summary>
public sealed class ChaosChecksTests(ChaosChecksTests.MixedBatch batch) : IClassFixture<ChaosChecksTests.MixedBatch>
{
    [Fact]
    public void A_mixed_batch_bought_once_each_line_by_its_path_has_no_problem()
    {
        Assert.Empty(Compare(batch.Ledger));
        Assert.Contains(batch.Ledger, e => e.CartId is not null);
        Assert.Contains(batch.Ledger, e => e.Kind == LedgerOrder.PatchKind);
    }

    [Fact]
    public void An_order_created_twice_is_a_duplicate_the_journal_does_not_record()
    {
        var twice = batch.Ledger.First(e => e.Kind == LedgerOrder.CreateKind);
        var copy = twice with { OrderId = "Xx_copy", LineItems = [.. twice.LineItems.Select(l => l with { SubscriptionId = Guid.NewGuid() })] };

        var problems = Compare([.. batch.Ledger, copy]);

        Assert.Equal(twice.LineItems.Count, problems.Count(p => p.StartsWith("DUPLICATE", StringComparison.Ordinal)));
        Assert.Equal(twice.LineItems.Count, problems.Count(p => p.StartsWith("JOURNAL does not record", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_new_commerce_line_bought_without_a_cart_is_on_the_wrong_path()
    {
        var cart = batch.Ledger.First(e => e.CartId is not null);

        var problems = Compare([.. batch.Ledger.Select(e => e == cart ? e with { CartId = null } : e)]);

        Assert.Contains(problems, p => p.StartsWith("WRONG PATH", StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_the_ledger_lacks_is_missing_and_the_journal_disagrees()
    {
        var gone = batch.Ledger.First(e => e.Kind == LedgerOrder.PatchKind);

        var problems = Compare([.. batch.Ledger.Where(e => e != gone)]);

        Assert.Contains(problems, p => p.StartsWith("MISSING", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("JOURNAL/LEDGER", StringComparison.Ordinal) && p.Contains("not in the ledger", StringComparison.Ordinal));
    }

    [Fact]
    public void An_order_created_by_another_request_id_than_the_journal_holds_is_a_disagreement()
    {
        var order = batch.Ledger.First(e => e.Kind == LedgerOrder.CreateKind && e.CartId is null);

        var problems = Compare([.. batch.Ledger.Select(e => e == order ? e with { RequestId = Guid.NewGuid() } : e)]);

        Assert.Contains(problems, p => p.StartsWith("JOURNAL/LEDGER", StringComparison.Ordinal) && p.Contains("request id", StringComparison.Ordinal));
    }

    private List<string> Compare(IReadOnlyList<LedgerOrder> ledger) => ChaosChecks.Compare(batch.Plan, ledger, batch.Journal, cartsSent: true);

    /// <summary>A 12-order mixed batch submitted once to the embedded sandbox: its plan, ledger and journal.</summary>
    public sealed class MixedBatch : IAsyncLifetime, IDisposable
    {
        private readonly TempFolder _folder = new();

        public OrderPlan Plan { get; private set; } = null!;

        public IReadOnlyList<LedgerOrder> Ledger { get; private set; } = [];

        public IReadOnlyList<JournalOrder> Journal { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var csv = _folder.File("mixed.csv");
            SandboxOrderFiles.WriteMixed(csv, 12, seed: 7);
            var (exitCode, output) = await CliRunner.RunAsync("submit", csv, "--quiet");
            Assert.True(exitCode == 0, output);
            Plan = OrderPlanner.Plan(csv, SpreadsheetReader.Read(csv).Rows);
            Ledger = await EmbeddedLedger.ReadAsync(BatchJournal.DefaultPath(csv));
            var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(csv));
            using (journal ?? throw new InvalidOperationException(problem?.Message))
            {
                Journal = journal.GetOrders();
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => _folder.Dispose();
    }
}
