using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Preflight;
using BatchOrders.Reading;
using BatchOrders.Runs;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Sandbox;
using BatchOrders.Tests.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Preflight;

/// <summary>Each check of the preflight against the sandbox's Partner Center data, read-only.</summary>
public sealed class PreflightTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration,ParentSubscriptionId,OrderId,PromotionId,PartnerIdOnRecord";
    private const string Premium = SandboxHost.NceBusinessPremium;
    private const string Basic = SandboxHost.NceBusinessBasic;
    private const string TeamsPhone = SandboxHost.NceTeamsPhoneAddOn;
    internal const string Unknown = "3f1e6c2a-9b7d-4e51-8a60-2c4d9e7b1f03";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, string, string> Problems => new()
    {
        { "customer not found", $"{Unknown},{Premium},1,Monthly,P1Y,,,,", "CustomerId", "was not found" },
        { "not the partner's customer", $"{Seeded.Tailspin},{Premium},1,Monthly,P1Y,,,,", "CustomerId", "no commerce relationship" },
        { "account under review", $"{Seeded.Northwind},{Premium},1,Monthly,P1Y,,,,", "CustomerId", "under review" },
        { "account not approved", $"{Seeded.CohoWinery},{Premium},1,Monthly,P1Y,,,,", "CustomerId", "not approved" },
        { "account status unknown", $"{Seeded.TreyResearch},{Premium},1,Monthly,P1Y,,,,", "CustomerId", "Unknown" },
        { "product unknown", $"{Seeded.Contoso},CFQ7TTC0ZZZZ:0001,1,Monthly,P1Y,,,,", "OfferId", "400013" },
        { "SKU unknown", $"{Seeded.Contoso},CFQ7TTC0LFLX:0099,1,Monthly,P1Y,,,,", "OfferId", "400018" },
        { "not purchasable", $"{Seeded.Contoso},{Seeded.NceNotPurchasable},1,Monthly,P1M,,,,", "OfferId", "can no longer be bought" },
        { "not sold in the country", $"{Seeded.WingtipToys},{SandboxHost.NceWindows365},5,Monthly,P1M,,,,", "OfferId", "not sold in the customer's country (DE)" },
        { "education only", $"{Seeded.Fabrikam},{Seeded.NceEducation},5,Monthly,P1M,,,,", "OfferId", "education segment only" },
        { "no such term", $"{Seeded.Fabrikam},{Basic},5,Monthly,P3Y,,,,", "TermDuration", "P1M billed monthly; P1Y billed monthly or annual" },
        { "billing cycle not with the term", $"{Seeded.Fabrikam},{Basic},5,Annual,P1M,,,,", "BillingCycle", "does not sell P1M billed annual" },
        { "term missing", $"{Seeded.Fabrikam},{Basic},5,Monthly,,,,,", "TermDuration", "TermDuration is empty" },
        { "quantity above the maximum", $"{Seeded.Fabrikam},{Basic},301,Monthly,P1M,,,,", "Quantity", "from 1 to 300" },
        { "quantity below the minimum", $"{Seeded.Fabrikam},{SandboxHost.NceWindows365},2,Monthly,P1M,,,,", "Quantity", "from 5 to 1,000" },
        { "add-on without parent", $"{Seeded.Contoso},{TeamsPhone},5,Monthly,P1Y,,,,", "ParentSubscriptionId", "is an add-on" },
        { "parent of another product", $"{Seeded.Fabrikam},{TeamsPhone},5,Monthly,P1Y,{Seeded.FabrikamBusinessBasicSubscription},,,", "ParentSubscriptionId", "is an add-on of" },
        { "parent suspended", $"{Seeded.Litware},{TeamsPhone},5,Monthly,P1Y,{Seeded.LitwareSuspendedSubscription},,,", "ParentSubscriptionId", "is suspended" },
        { "parent missing", $"{Seeded.Contoso},{TeamsPhone},5,Monthly,P1Y,{Guid.Empty.ToString().Replace('0', '7')},,,", "ParentSubscriptionId", "has no subscription" },
        { "legacy offer unknown", $"{Seeded.Contoso},{Guid.Empty.ToString().Replace('0', '5')},1,Monthly,,,,,", "OfferId", "is not sold in the customer's country (US), or is not a Partner Center offer" },
        { "legacy offer no longer sold", $"{Seeded.Contoso},{Seeded.LegacyRetired},1,Monthly,,,,,", "OfferId", "no longer available for purchase" },
        { "legacy offer not in the country", $"{Seeded.Proseware},{Seeded.LegacyUsGbOnly},1,Monthly,,,,,", "OfferId", "(DE)" },
        { "legacy quantity", $"{Seeded.Contoso},{SandboxHost.BusinessBasic},301,Monthly,,,,,", "Quantity", "from 1 to 300" },
        { "legacy add-on to a suspended parent", $"{Seeded.AdventureWorks},{SandboxHost.ExchangeArchiving},1,Monthly,,{Seeded.AdventureWorksSuspendedSubscription},,,", "ParentSubscriptionId", "is suspended" },
        { "legacy add-on in another order", $"{Seeded.Contoso},{SandboxHost.MyAnalytics},1,Monthly,,{Seeded.ContosoLegacyE3Subscription},{Seeded.ContosoNceOrder},,", "OrderId", "is in order" },
        { "not an add-on with a parent", $"{Seeded.Contoso},{Basic},5,Monthly,P1M,{Seeded.ContosoNceE3Subscription},,,", "ParentSubscriptionId", "is not an add-on" },
        { "promotion seats", $"{Seeded.Fabrikam},{SandboxHost.NceE3},10,Monthly,P1Y,,,{Seeded.PromotionE3Seats},", "PromotionId", "SeatCount" },
        { "promotion first purchase", $"{Seeded.WingtipToys},{Premium},10,Monthly,P1Y,,,{Seeded.PromotionFirstPurchase},", "PromotionId", "OfferPurchasedPreviously" },
        { "promotion ended", $"{Seeded.Fabrikam},{Basic},10,Annual,P1Y,,,{Seeded.PromotionEnded},", "PromotionId", "InvalidPromotion" },
        { "reseller not indirect", $"{Seeded.Contoso},{Premium},3,Monthly,P1Y,,,,{Seeded.ResellerNotIndirect}", "PartnerIdOnRecord", "800016" },
        { "reseller not found", $"{Seeded.Contoso},{Premium},3,Monthly,P1Y,,,,{Seeded.ResellerNotFound}", "PartnerIdOnRecord", "800015" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task Each_problem_is_one_error_on_the_column_it_concerns_and_nothing_is_written(string problem, string row, string column, string because)
    {
        await using var sandbox = await StartAsync();
        var path = Write("one.csv", row);

        var (result, _) = await PreflightAsync(sandbox, path);

        var error = Assert.Single(result.Errors);
        Assert.True(error.Row == 2 && error.Column == column, $"{problem}: {error.Place}: {error.Message}");
        Assert.Contains(because, error.Message, StringComparison.Ordinal);
        Assert.Null(result.Failure);
        var stats = sandbox.GetStats();
        Assert.Equal((0, 0, 0L), (stats.CartsCreated, stats.OrdersCreated, stats.OrdersPatched + stats.CartsCheckedOut));
        Assert.Empty(sandbox.GetLedger());
    }

    [Fact]
    public async Task An_add_on_whose_parent_is_another_customers_subscription_names_that_customer()
    {
        await using var sandbox = await StartAsync();
        var path = Write("other.csv",
            $"{Seeded.Contoso},{Premium},1,Monthly,P1Y,,,,",
            $"{Seeded.Fabrikam},{TeamsPhone},5,Monthly,P1Y,{Seeded.ContosoNceE3Subscription},,,");

        var (result, _) = await PreflightAsync(sandbox, path);

        var error = Assert.Single(result.Errors);
        Assert.True(error.Row == 3 && error.Column == "ParentSubscriptionId", $"{error.Place}: {error.Message}");
        Assert.Contains($"belongs to customer {Seeded.Contoso}, not to {Seeded.Fabrikam}", error.Message, StringComparison.Ordinal);
        Assert.Empty(sandbox.GetLedger());
    }

    [Fact]
    public async Task Valid_rows_of_every_kind_pass_without_errors()
    {
        await using var sandbox = await StartAsync();
        var path = Write("valid.csv",
            $"{Seeded.Contoso},{Premium},10,Monthly,P1Y,,,,5417762",
            $"{Seeded.Contoso},{TeamsPhone},10,Monthly,P1Y,{Seeded.ContosoNceE3Subscription},,,",
            $"{Seeded.Contoso},{SandboxHost.MyAnalytics},4,Monthly,,{Seeded.ContosoLegacyE3Subscription},{Seeded.ContosoLegacyOrder},,",
            $"{Seeded.Proseware},{SandboxHost.NceE3},5,Monthly,P1M,,,,",
            $"{Seeded.Woodgrove},{Seeded.NceEducation},5,Monthly,P1M,,,,",
            $"{Seeded.Fabrikam},{SandboxHost.NceE3},30,Monthly,P1Y,,,{Seeded.PromotionE3Seats},",
            $"{Seeded.AdventureWorks},{SandboxHost.E3},7,Monthly,,,,,");

        var (result, _) = await PreflightAsync(sandbox, path);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.OffersToSend);
    }

    [Fact]
    public async Task Each_thing_is_read_once_per_run_however_many_rows_need_it()
    {
        await using var sandbox = await StartAsync();
        string[] offers = [Premium, Basic, SandboxHost.NceE3, SandboxHost.NceCopilot];
        var rows = Enumerable.Range(0, 8).Select(i => $"{Seeded.Contoso},{offers[i % 4]},{i + 1},{(i < 4 ? "Monthly" : "Annual")},P1Y,,,,,{i}").ToArray();
        var path = WriteWithHeader("many.csv", Header + ",OrderGroup", rows);

        var (result, _) = await PreflightAsync(sandbox, path);

        Assert.Empty(result.Errors);
        Assert.Equal(1, result.Reads["customer"]);
        Assert.Equal(1, result.Reads["account status"]);
        Assert.Equal(1, result.Reads["subscriptions"]);
        Assert.Equal(4, result.Reads["sku"]);
        Assert.Equal(4, result.Reads["availabilities"]);
    }

    [Fact]
    public async Task A_stale_availability_is_a_warning_and_todays_is_bought_and_recorded()
    {
        await using var sandbox = await StartAsync();
        sandbox.RotateAvailabilities();
        var today = sandbox.CurrentCatalogItemId(Premium);
        var path = Write("stale.csv", $"{Seeded.Fabrikam},{Premium},12,Annual,P1Y,,,,", $"{Seeded.Proseware},CFQ7TTC0LFLX:0001,3,Monthly,P1M,,,,");

        var (result, run) = await PreflightAsync(sandbox, path, send: true);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains("is no longer current", result.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("names no availability", result.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Equal(today, result.OffersToSend[new RowLocation(null, 2)]);
        Assert.Equal(sandbox.CurrentCatalogItemId(SandboxHost.NceE3), result.OffersToSend[new RowLocation(null, 3)]);
        var bought = sandbox.GetLedger().SelectMany(o => o.LineItems).Select(l => l.OfferId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { sandbox.CurrentCatalogItemId(SandboxHost.NceE3), today }.Order(StringComparer.Ordinal), bought);
        using var journal = Open(path);
        Assert.Contains(journal.GetOrders().SelectMany(o => o.LineItems), l => l.OfferId == Premium && l.SentOfferId == today && l.IsBought);
        _ = run;
    }

    [Fact]
    public async Task Add_ons_are_bought_new_commerce_through_a_cart_line_and_legacy_into_the_order_their_parent_names()
    {
        await using var sandbox = await StartAsync();
        var path = Write("addons.csv",
            $"{Seeded.Contoso},{TeamsPhone},10,Monthly,P1Y,{Seeded.ContosoNceE3Subscription},,,",
            $"{Seeded.Contoso},{SandboxHost.MyAnalytics},4,Monthly,,{Seeded.ContosoLegacyE3Subscription},,,");

        var (result, run) = await PreflightAsync(sandbox, path, send: true);

        Assert.Empty(result.Errors);
        Assert.Equal(Seeded.ContosoLegacyOrder, result.ParentOrders[new RowLocation(null, 3)]);
        var ledger = sandbox.GetLedger();
        var cart = Assert.Single(ledger, o => o.CartId is not null);
        Assert.Equal((TeamsPhone, Seeded.ContosoNceE3Subscription), (cart.LineItems[0].OfferId, cart.LineItems[0].ParentSubscriptionId?.ToString("D")));
        var patch = Assert.Single(ledger, o => o.Kind == LedgerOrder.PatchKind);
        Assert.Equal(Seeded.ContosoLegacyOrder, patch.OrderId);
        Assert.Equal(Seeded.ContosoLegacyE3Subscription, patch.LineItems[0].ParentSubscriptionId?.ToString("D"));
        _ = run;
    }

    [Fact]
    public async Task An_existing_subscription_to_the_same_product_is_a_warning()
    {
        await using var sandbox = await StartAsync();
        var path = Write("owned.csv", $"{Seeded.Contoso},{SandboxHost.NceE3},5,Monthly,P1M,,,,");

        var (result, _) = await PreflightAsync(sandbox, path);

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("OfferId", warning.Column);
        Assert.Contains(Seeded.ContosoNceE3Subscription, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_status_the_sign_in_may_not_read_is_reported_once_as_not_checked()
    {
        await using var sandbox = await StartAsync(o => o.AppOnlyTokens.Add("test-token"));
        var path = Write("apponly.csv", $"{Seeded.Northwind},{Premium},1,Monthly,P1Y,,,,", $"{Seeded.Contoso},{Premium},1,Monthly,P1Y,,,,");

        var (result, _) = await PreflightAsync(sandbox, path);

        Assert.Empty(result.Errors);
        var notChecked = Assert.Single(result.Warnings);
        Assert.Null(notChecked.Row);
        Assert.Contains("Check not made", notChecked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotation_between_a_stopped_run_and_its_rerun_buys_each_line_once_with_the_id_its_request_first_carried()
    {
        await using var sandbox = await StartAsync(o =>
        {
            o.LatencyMean = TimeSpan.FromMilliseconds(60);
            o.LatencyJitter = TimeSpan.FromMilliseconds(40);
        });
        sandbox.RotateAvailabilities();
        var rows = Enumerable.Range(1, 40).Select(i => $"{Guid.NewGuid()},CFQ7TTC0LF8Q:0001,{i},Monthly,P1Y,,,,").ToArray();
        var path = Write("stopped.csv", rows);
        using var stop = new CancellationTokenSource();
        var progress = new Inline<BatchOrders.Submission.SubmissionProgress>(p =>
        {
            if (p.Succeeded >= 10)
            {
                stop.Cancel();
            }
        });

        var (first, _) = await PreflightAsync(sandbox, path, send: true, progress: progress, stop: stop.Token);
        var firstId = first.OffersToSend.Values.Distinct().Single();
        sandbox.RotateAvailabilities();
        var (second, _) = await PreflightAsync(sandbox, path, send: true);

        var secondId = second.OffersToSend.Values.Distinct().Single();
        Assert.NotEqual(firstId, secondId);
        using var journal = Open(path);
        Assert.Equal(40, journal.GetOrders(OrderState.Succeeded).Count);
        var created = sandbox.GetLedger().Where(o => o.Kind == LedgerOrder.CreateKind).ToList();
        Assert.Empty(created.GroupBy(o => o.CustomerId).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(40, created.Count);
        Assert.Equal(new[] { firstId, secondId }.Order(StringComparer.Ordinal), created.Select(o => o.LineItems[0].OfferId).Distinct().Order(StringComparer.Ordinal));
        foreach (var order in journal.GetOrders())
        {
            var line = Assert.Single(order.LineItems);
            Assert.Equal(created.Single(c => c.OrderId == line.PartnerOrderId).LineItems[0].OfferId, line.OfferToSend);
        }
    }

    [Fact]
    public async Task A_cart_order_left_in_flight_before_its_cart_was_made_takes_todays_availability_in_a_new_cart_after_a_rotation()
    {
        await using var sandbox = await StartAsync();
        await using var unreachable = await StartAsync(o => o.DropConnectionRate = 1);
        sandbox.RotateAvailabilities();
        var path = Write("in-flight.csv", $"{Seeded.Fabrikam},{Premium},12,Annual,P1Y,,,,", $"{Seeded.Contoso},{TeamsPhone},4,Monthly,P1Y,{Seeded.ContosoNceE3Subscription},,,");
        var options = new BatchRunOptions { Submission = SubmissionExactlyOnceTests.FastRetries with { MaxAttemptsPerOrder = 1 }, Random = new Random(5) };

        // The first run's requests go to an address that drops every connection: each cart request may have been made.
        Guid firstRequest;
        string firstId;
        using (var run = OpenRun(sandbox, path, options))
        using (var http = SubmissionExactlyOnceTests.Http(sandbox))
        using (var dropped = SubmissionExactlyOnceTests.Http(unreachable))
        {
            var result = await run.PreflightAsync(new PartnerCenterClient(http), new PreflightOptions(), CancellationToken.None);
            Assert.True(result.Passes(strict: false), string.Join("; ", result.Errors.Select(e => e.Message)));
            await run.SendAsync(new PartnerCenterClient(dropped), progress: null, CancellationToken.None);
            var inFlight = Assert.Single(run.Journal.GetOrders(OrderState.Sending), o => o.CustomerId == Seeded.Fabrikam);
            (firstRequest, firstId) = (inFlight.RequestId, inFlight.LineItems[0].OfferToSend);
            Assert.Null(inFlight.CartId);
        }

        sandbox.RotateAvailabilities();
        using (var run = OpenRun(sandbox, path, options with { Submission = SubmissionExactlyOnceTests.FastRetries }))
        using (var http = SubmissionExactlyOnceTests.Http(sandbox))
        {
            var client = new PartnerCenterClient(http);
            Assert.True((await run.PreflightAsync(client, new PreflightOptions(), CancellationToken.None)).Passes(strict: false));
            var outcome = await run.SendAsync(client, progress: null, CancellationToken.None);
            Assert.Equal(BatchRunStatus.Succeeded, outcome.Status);
        }

        var today = sandbox.CurrentCatalogItemId(Premium);
        Assert.NotEqual(firstId, today);
        using var journal = Open(path);
        var order = Assert.Single(journal.GetOrders(), o => o.CustomerId == Seeded.Fabrikam);
        Assert.NotEqual(firstRequest, order.RequestId);
        Assert.Equal(today, order.LineItems[0].OfferToSend);
        var bought = Assert.Single(sandbox.GetLedger(), o => o.CustomerId == Guid.Parse(Seeded.Fabrikam));
        Assert.Equal(today, bought.LineItems[0].OfferId);
        Assert.Equal(order.CheckoutRequestId, bought.RequestId);
    }

    [Fact]
    public async Task Rows_sorted_between_runs_each_journaled_line_takes_its_own_rows_resolution()
    {
        await using var sandbox = await StartAsync();
        sandbox.RotateAvailabilities();
        var e3 = $"{Seeded.Fabrikam},{SandboxHost.NceE3},6,Monthly,P1Y,,,,";
        var basic = $"{Seeded.Proseware},{Basic},4,Monthly,P1M,,,,";
        var path = Write("sorted.csv", e3, basic);
        var options = new BatchRunOptions { Submission = SubmissionExactlyOnceTests.FastRetries, Random = new Random(5) };
        using (var run = OpenRun(sandbox, path, options))
        using (var http = SubmissionExactlyOnceTests.Http(sandbox))
        {
            // Journaled (the repeat check synchronises the plan), not sent.
            var client = new PartnerCenterClient(http);
            Assert.True((await run.PreflightAsync(client, new PreflightOptions(), CancellationToken.None)).Passes(strict: false));
            await run.FindRepeatsAsync(client, CancellationToken.None);
        }

        sandbox.RotateAvailabilities();
        Write("sorted.csv", basic, e3);
        using (var run = OpenRun(sandbox, path, options))
        using (var http = SubmissionExactlyOnceTests.Http(sandbox))
        {
            var client = new PartnerCenterClient(http);
            Assert.True((await run.PreflightAsync(client, new PreflightOptions(), CancellationToken.None)).Passes(strict: false));
            Assert.Equal(BatchRunStatus.Succeeded, (await run.SendAsync(client, progress: null, CancellationToken.None)).Status);
        }

        var bought = sandbox.GetLedger().ToDictionary(o => o.CustomerId.ToString("D"), o => Assert.Single(o.LineItems).OfferId);
        Assert.Equal(sandbox.CurrentCatalogItemId(SandboxHost.NceE3), bought[Seeded.Fabrikam]);
        Assert.Equal(sandbox.CurrentCatalogItemId(Basic), bought[Seeded.Proseware]);
    }

    [Fact]
    public async Task A_rerun_checks_only_the_rows_an_earlier_run_did_not_buy()
    {
        await using var sandbox = await StartAsync();
        var path = Write("rerun.csv", $"{Seeded.Fabrikam},{Premium},12,Annual,P1Y,,,,", $"{Seeded.Proseware},CFQ7TTC0LFLX:0001,3,Monthly,P1M,,,,");
        var (first, _) = await PreflightAsync(sandbox, path, send: true);
        File.AppendAllText(path, $"{Seeded.Contoso},{Basic},2,Monthly,P1M,,,,\n");

        var (second, outcome) = await PreflightAsync(sandbox, path, send: true);

        Assert.Equal(2, first.Reads["customer"]);
        Assert.Equal(1, second.Reads["customer"]);
        Assert.Equal(1, second.Reads["availabilities"]);
        Assert.Equal(BatchRunStatus.Succeeded, outcome!.Status);
        Assert.Equal(3, sandbox.GetLedger().Sum(o => o.LineItems.Count));
    }

    private static BatchRun OpenRun(SandboxServer sandbox, string path, BatchRunOptions options)
    {
        var input = BatchInput.Load(path, cancellationToken: CancellationToken.None);
        Assert.True(input.IsValid, string.Join("; ", input.Errors.Select(e => e.Message)));
        var (run, problem) = BatchRun.Open(input, Target.Endpoint(sandbox.BaseAddress), options);
        Assert.Null(problem);
        return run!;
    }

    private static Task<SandboxServer> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { Seed = 7, RequestsPerMinute = 0, RequestLogLevel = LogLevel.None };
        options.UnknownCustomers.Add(Guid.Parse(Unknown));
        configure?.Invoke(options);
        return SandboxServer.StartAsync(options);
    }

    private string Write(string name, params string[] rows) => WriteWithHeader(name, Header, rows);

    private string WriteWithHeader(string name, string header, string[] rows)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", [header, .. rows]) + "\n");
        return path;
    }

    /// <summary>Loads the file, opens its run against the sandbox as an endpoint and runs the preflight (then sends, when asked and it passed).</summary>
    private static async Task<(PreflightResult Result, BatchRunOutcome? Sent)> PreflightAsync(SandboxServer sandbox, string path, bool send = false,
        IProgress<BatchOrders.Submission.SubmissionProgress>? progress = null, CancellationToken stop = default)
    {
        var input = BatchInput.Load(path, cancellationToken: CancellationToken.None);
        Assert.True(input.IsValid, input.Read.Problem?.Message ?? string.Join("; ", input.Errors.Select(e => e.Message)));
        var (run, problem) = BatchRun.Open(input, Target.Endpoint(sandbox.BaseAddress),
            new BatchRunOptions { Submission = SubmissionExactlyOnceTests.FastRetries with { AttemptTimeout = TimeSpan.FromSeconds(10) }, Random = new Random(5) });
        Assert.Null(problem);
        using (run)
        {
            using var http = SubmissionExactlyOnceTests.Http(sandbox);
            var client = new PartnerCenterClient(http);
            var result = await run!.PreflightAsync(client, new PreflightOptions(), CancellationToken.None);
            return (result, send && result.Passes(strict: false) ? await run.SendAsync(client, progress, stop) : null);
        }
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static BatchJournal Open(string path)
    {
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        return journal!;
    }
}
