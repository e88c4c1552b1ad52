using System.Diagnostics;
using System.Globalization;
using System.Text;
using BatchOrders.Journal;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Preflight;

/// <summary>
/// Exactly once on the paths the preflight opens — new-commerce add-ons bought through carts, legacy add-ons whose
/// order the preflight found, stale and missing availabilities resolved to today's — with the CLI SIGKILLed mid-run
/// and Partner Center reissuing every availability id between the kill and the rerun.
/// </summary>
public sealed class PreflightKillTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration,ParentSubscriptionId,FriendlyName";
    private const int Customers = 48;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Killed_mid_run_and_availabilities_reissued_before_each_rerun_every_line_is_bought_once_with_the_id_the_journal_sent()
    {
        var state = _folder.File("sandbox.db");
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            StatePath = state, Seed = 41, RequestsPerMinute = 0, LatencyMean = TimeSpan.FromMilliseconds(150), AnswerLostRate = 0.05,
            RequestLogLevel = LogLevel.None,
        });
        var (path, rows) = WriteBatch(sandbox);
        sandbox.RotateAvailabilities(); // the sheet's ids were today's when it was written; now they are stale

        var kills = 0;
        var renewed = 0;
        for (var kill = 1; kill <= 3; kill++)
        {
            using var run = CliProcess.Start(Submit(path, sandbox));
            var exited = run.WaitForExitAsync();
            var created = sandbox.GetStats().CartsCreated;
            if (await Task.WhenAny(exited, CartsUnderWay(sandbox, created + 4 * kill)) == exited)
            {
                break;
            }

            CliProcess.Signal(run, "KILL");
            await exited;
            kills++;
            using (var journal = OpenJournal(path))
            {
                renewed += journal.GetOrders(OrderState.Sending).Count(o => o.CartId is null && o.Path == BatchOrders.Planning.PurchasePath.Cart);
            }

            sandbox.RotateAvailabilities();
        }

        for (var rerun = 0; ; rerun++)
        {
            var (exitCode, output, error) = await CliProcess.RunAsync(Submit(path, sandbox));
            Assert.True(exitCode is 0 or 3, output + error);
            if (exitCode == 0)
            {
                break;
            }

            Assert.True(rerun < 5, "the batch never finished");
        }

        Assert.True(kills > 0, "the client was never killed: the test did not test anything");
        Assert.True(renewed > 0, "no kill left a cart order in flight before its cart was made: the test did not test a reissued availability on a resent order");
        AssertEachRowBoughtOnce(sandbox, path, rows);
    }

    [Fact]
    public async Task Killed_while_sending_the_rerun_makes_no_read_for_customers_already_read_and_buys_every_row_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Seed = 45, RequestsPerMinute = 0, LatencyMean = TimeSpan.FromMilliseconds(150), RequestLogLevel = LogLevel.None,
        });
        var today = sandbox.CurrentCatalogItemId(SandboxHost.NceBusinessBasic);
        var rows = new List<Row>();
        for (var i = 0; i < Customers; i++)
        {
            var customer = OrderFiles.Customer(45, i);
            rows.Add(new Row(customer, today, 1 + (i % 7), "Monthly", "P1M", null));
            rows.Add(new Row(customer, SandboxHost.BusinessBasic, 2 + (i % 5), "Monthly", string.Empty, null));
        }

        var path = _folder.WriteText("rerun.csv", Header + "\n" + string.Concat(rows.Select(r => $"{r.Customer},{r.Offer},{r.Quantity},{r.Cycle},{r.Term},,\n")));
        string[] submit = [.. Submit(path, sandbox), "--allow-repeat"];

        long readsOfTheFirstRun;
        using (var run = CliProcess.Start(submit))
        {
            var exited = run.WaitForExitAsync();
            Assert.NotEqual(exited, await Task.WhenAny(exited, Bought(sandbox, 6)));
            CliProcess.Signal(run, "KILL");
            await exited;
            readsOfTheFirstRun = Reads(sandbox);
        }

        var boughtAtTheKill = sandbox.GetLedger().Count;
        var (exitCode, output, error) = await CliProcess.RunAsync(submit);

        Assert.True(exitCode == 0, output + error);
        Assert.True(boughtAtTheKill < Customers * 2, "the first run finished before it was killed: the test did not test a rerun");
        Assert.True(readsOfTheFirstRun >= 3 * Customers, $"{readsOfTheFirstRun} reads in the first run");
        Assert.Equal(readsOfTheFirstRun, Reads(sandbox));
        var bought = sandbox.GetLedger().SelectMany(e => e.LineItems.Select(l => Key(e.CustomerId.ToString("D"), l.OfferId, l.Quantity, null))).ToList();
        Assert.Equal(rows.Select(r => Key(r.Customer, r.Offer, r.Quantity, null)).Order(StringComparer.Ordinal), bought.Order(StringComparer.Ordinal));
        using var journal = OpenJournal(path);
        Assert.All(journal.GetOrders(), o => Assert.Equal(OrderState.Succeeded, o.State));
    }

    /// <summary>
    /// Every row bought exactly once (customer, product and SKU, quantity, parent), by its path, with the catalog
    /// item id the journal recorded as sent; and some SKU bought under more than one availability id.
    /// </summary>
    private static void AssertEachRowBoughtOnce(SandboxServer sandbox, string path, IReadOnlyList<Row> rows)
    {
        var ledger = sandbox.GetLedger();
        var bought = ledger.SelectMany(e => e.LineItems.Select(l => (Entry: e, Line: l)))
            .GroupBy(p => Key(p.Entry.CustomerId.ToString("D"), p.Line.OfferId, p.Line.Quantity, p.Line.ParentSubscriptionId?.ToString("D")))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var row in rows)
        {
            var key = Key(row.Customer, row.Offer, row.Quantity, row.Parent);
            var found = bought.GetValueOrDefault(key) ?? [];
            Assert.True(found.Count == 1, $"{key}: bought {found.Count} times");
            var (entry, _) = found[0];
            Assert.True(row.Offer.Contains(':', StringComparison.Ordinal) == (entry.CartId is not null), $"{key} bought by {entry.Kind} {entry.OrderId}, cart {entry.CartId}");
        }

        Assert.Equal(rows.Count, bought.Values.Sum(b => b.Count));
        using var journal = OpenJournal(path);
        var orders = journal.GetOrders();
        Assert.All(orders, o => Assert.Equal(OrderState.Succeeded, o.State));
        var bySubscription = ledger.SelectMany(e => e.LineItems).ToDictionary(l => l.SubscriptionId.ToString("D"), StringComparer.OrdinalIgnoreCase);
        foreach (var line in orders.SelectMany(o => o.LineItems))
        {
            Assert.Equal(line.OfferToSend, bySubscription[line.SubscriptionId!].OfferId, StringComparer.OrdinalIgnoreCase);
        }

        var generations = ledger.SelectMany(e => e.LineItems).Where(l => l.OfferId.Contains(':', StringComparison.Ordinal))
            .GroupBy(l => string.Join(':', l.OfferId.Split(':')[..2])).Max(g => g.Select(l => l.OfferId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.True(generations > 1, "every SKU was bought under one availability id: no reissue fell between purchases");
    }

    /// <summary>
    /// New customers buying Microsoft 365 E3 (new commerce) as a stale <c>PRODUCT:SKU:AVAILABILITY</c>, as
    /// <c>PRODUCT:SKU</c> or as today's id, some with Business Basic too; Teams Phone (a new-commerce add-on) for
    /// Contoso's and Alpine Ski House's E3/E5 subscriptions, and MyAnalytics (legacy) for Contoso's Office 365 E3 with
    /// no OrderId, in the middle of the file.
    /// </summary>
    private (string Path, List<Row> Rows) WriteBatch(SandboxServer sandbox)
    {
        var today = sandbox.CurrentCatalogItemId(SandboxHost.NceE3);
        var rows = new List<Row>();
        for (var i = 0; i < Customers; i++)
        {
            var customer = OrderFiles.Customer(41, i);
            var e3 = (i % 3) switch { 0 => SandboxHost.NceE3, 1 => "CFQ7TTC0LFLX:0001", _ => today };
            rows.Add(new Row(customer, e3, 1 + (i % 9), "Monthly", "P1Y", null));
            if (i % 2 == 0)
            {
                rows.Add(new Row(customer, SandboxHost.NceBusinessBasic, 2 + (i % 5), "Monthly", "P1M", null));
            }

            if (i == Customers / 3)
            {
                rows.Add(new Row(Seeded.Contoso, SandboxHost.NceTeamsPhoneAddOn, 7, "Monthly", "P1Y", Seeded.ContosoNceE3Subscription));
                rows.Add(new Row(Seeded.Contoso, SandboxHost.MyAnalytics, 3, "Monthly", string.Empty, Seeded.ContosoLegacyE3Subscription));
                rows.Add(new Row(Seeded.AlpineSkiHouse, SandboxHost.NceTeamsPhoneAddOn, 4, "Annual", "P1Y", Seeded.AlpineSkiHouseNceE5Subscription));
            }
        }

        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Customer},{row.Offer},{row.Quantity},{row.Cycle},{row.Term},{row.Parent},\n");
        }

        return (_folder.WriteText("rotated.csv", text.ToString()), rows);
    }

    /// <summary>Completes when the sandbox's ledger holds at least <paramref name="orders"/> orders.</summary>
    private static async Task Bought(SandboxServer sandbox, int orders)
    {
        var clock = Stopwatch.StartNew();
        while (sandbox.GetLedger().Count < orders)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the client never bought anything");
            await Task.Delay(5);
        }
    }

    private static long Reads(SandboxServer sandbox) => sandbox.GetStats().Families.GetValueOrDefault("reads")?.Requests ?? 0;

    /// <summary>Completes when the sandbox has created at least <paramref name="created"/> carts.</summary>
    private static async Task CartsUnderWay(SandboxServer sandbox, long created)
    {
        var clock = Stopwatch.StartNew();
        while (sandbox.GetStats().CartsCreated < created)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the client never created carts");
            await Task.Delay(5);
        }
    }

    private static string Key(string customer, string offer, int quantity, string? parent) =>
        $"{customer.ToUpperInvariant()} {string.Join(':', offer.Split(':').Take(2)).ToUpperInvariant()} x{quantity}{(string.IsNullOrEmpty(parent) ? string.Empty : " of " + parent.ToUpperInvariant())}";

    private static string[] Submit(string path, SandboxServer sandbox) =>
        ["submit", path, "--target", sandbox.BaseAddress.ToString(), "--attempt-timeout", "3", "--concurrency", "4"];

    private static BatchJournal OpenJournal(string path)
    {
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        return journal!;
    }

    private sealed record Row(string Customer, string Offer, int Quantity, string Cycle, string Term, string? Parent);
}
