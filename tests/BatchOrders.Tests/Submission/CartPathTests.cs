using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Planning;
using BatchOrders.Runs;
using BatchOrders.Sandbox;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Submission;

/// <summary>
/// New-commerce orders bought through carts against the sandbox: exactly once across both steps under faults, after
/// a run cut short between them, when a checkout refuses an order group, when a cart expires, and when the service
/// answers a second checkout with 800065 instead of repeating its answer.
/// </summary>
public sealed class CartPathTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_thousand_new_commerce_orders_through_faults_on_both_steps_are_each_bought_exactly_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Seed = 909,
            RequestsPerMinute = 0,
            ServerErrorRate = 0.04,
            ServiceUnavailableRate = 0.04,
            HangRate = 0.04,
            DropConnectionRate = 0.02,
            AnswerLostRate = 0.05,
            StormRate = 0.003,
            StormDuration = TimeSpan.FromSeconds(1),
            RequestLogLevel = LogLevel.None,
        });
        var path = OrderFiles.WriteNewCommerce(_folder, "nce.csv", 1000);

        var outcome = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries with { Concurrency = 16 });

        Assert.Equal((1000, 0), (outcome.States[OrderState.Succeeded], outcome.Remaining));
        var stats = sandbox.GetStats();
        Assert.True(stats.FaultsInjected.GetValueOrDefault("answerLost") > 20, string.Join(", ", stats.FaultsInjected));
        AssertCartsBoughtExactlyOnce(sandbox, path, expectedOrders: 1000);
    }

    [Fact]
    public async Task A_run_cut_short_between_creating_carts_and_checking_them_out_resumes_without_a_second_cart()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Seed = 12, RequestsPerMinute = 0, AnswerLostRate = 0.25, HangRate = 0.1, RequestLogLevel = LogLevel.None,
        });
        var path = OrderFiles.WriteNewCommerce(_folder, "cut.csv", 120);

        // One attempt per step: many orders end the first run with a cart and no checkout answer, or no cart answer.
        var first = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries with { MaxAttemptsPerOrder = 1 });
        var second = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries);

        Assert.True(first.States[OrderState.Sending] > 0, "the first run should leave carts in flight");
        Assert.Equal((120, 0), (second.States[OrderState.Succeeded], second.Remaining));
        AssertCartsBoughtExactlyOnce(sandbox, path, expectedOrders: 120);
    }

    [Fact]
    public async Task A_checkout_that_refuses_one_order_group_buys_the_other_rows_and_refuses_those_rows_on_their_own()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 3, RequestLogLevel = LogLevel.None });
        var path = _folder.WriteText("partial.csv", Rows.Csv(OrderFiles.NewCommerceHeader,
            $"{Rows.Customer},{OrderFiles.NceE3},5,Monthly,P1Y,",
            $"{Rows.Customer},{OrderFiles.NceRefusedAtCheckout},2,Monthly,P1Y,",
            $"{Rows.Customer},{OrderFiles.NceBasic},3,Monthly,P1M,"));

        var outcome = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries);

        Assert.Equal(1, outcome.States[OrderState.Failed]);
        using var journal = Journal(path);
        var order = Assert.Single(journal.GetOrders());
        Assert.Equal(PurchasePath.Cart, order.Path);
        var bought = order.LineItems.Where(l => l.IsBought).ToList();
        var refused = Assert.Single(order.LineItems, l => !l.IsBought);
        Assert.Equal((OrderFiles.NceRefusedAtCheckout, "800070"), (refused.OfferId, refused.ErrorCode));
        Assert.Equal(2, bought.Count);
        var placed = Assert.Single(sandbox.GetLedger());
        Assert.NotNull(placed.CartId);
        Assert.All(bought, l => Assert.Equal(placed.OrderId, l.PartnerOrderId));
        Assert.Equal(bought.Select(l => l.SubscriptionId).Order(), placed.LineItems.Select(l => l.SubscriptionId.ToString()).Order());
    }

    [Fact]
    public async Task A_cart_line_the_service_cannot_sell_refuses_its_row_and_nothing_is_checked_out()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 4, RequestLogLevel = LogLevel.None });
        var path = _folder.WriteText("unsellable.csv", Rows.Csv(OrderFiles.NewCommerceHeader,
            $"{Rows.Customer},{OrderFiles.NceE3},5,Monthly,P1Y,",
            $"{Rows.Customer},{OrderFiles.NceBasic},400,Monthly,P1M,"));

        var outcome = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries);

        Assert.Equal(1, outcome.States[OrderState.Failed]);
        Assert.Empty(sandbox.GetLedger());
        Assert.Equal((1, 0), (sandbox.GetStats().CartsCreated, sandbox.GetStats().CartsCheckedOut));
        using var journal = Journal(path);
        var lines = Assert.Single(journal.GetOrders()).LineItems;
        Assert.Equal("InvalidInput", Assert.Single(lines, l => l.Quantity == 400).ErrorCode);
        Assert.Contains("Not checked out: the same cart holds row 3", Assert.Single(lines, l => l.Quantity == 5).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_cart_is_replaced_by_a_new_one_and_bought_once()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions { Seed = 5, CartLifetime = TimeSpan.FromMinutes(30), RequestLogLevel = LogLevel.None }, clock, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var path = OrderFiles.WriteNewCommerce(_folder, "expiring.csv", 3);
        // A first run created the carts and stopped before checking them out; then the carts outlived their lifetime.
        await CreateCartsThenStopAsync(sandbox, path);

        clock.Advance(TimeSpan.FromHours(1));
        var outcome = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries);

        Assert.Equal((3, 0), (outcome.States[OrderState.Succeeded], outcome.Remaining));
        Assert.Equal((6, 3), (sandbox.GetStats().CartsCreated, sandbox.GetStats().CartsCheckedOut));
        Assert.Equal(3, sandbox.GetLedger().Count);
    }

    [Fact]
    public async Task A_lost_checkout_answer_met_with_800065_is_read_back_from_the_customers_orders_and_not_bought_again()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Seed = 6, RepeatedCheckout = RepeatedCheckout.AlreadySubmittedError, AnswerLostRate = 0.3, RequestLogLevel = LogLevel.None,
        });
        var path = OrderFiles.WriteNewCommerce(_folder, "already.csv", 60);

        var outcome = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries);

        Assert.Equal((60, 0), (outcome.States[OrderState.Succeeded], outcome.Remaining));
        Assert.True(sandbox.GetStats().RequestsByOutcome.GetValueOrDefault("400") > 0, "no 800065 was answered: the test did not test anything");
        AssertCartsBoughtExactlyOnce(sandbox, path, expectedOrders: 60);
    }

    [Fact]
    public async Task A_row_changed_after_its_cart_was_checked_out_is_a_conflict_and_nothing_is_bought_again()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Seed = 7, RequestLogLevel = LogLevel.None });
        var path = _folder.WriteText("changed.csv", Rows.Csv(OrderFiles.NewCommerceHeader, $"{Rows.Customer},{OrderFiles.NceE3},5,Monthly,P1Y,"));
        await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries);
        File.WriteAllText(path, Rows.Csv(OrderFiles.NewCommerceHeader, $"{Rows.Customer},{OrderFiles.NceE3},8,Monthly,P1Y,"));

        var outcome = await SubmissionExactlyOnceTests.Run(sandbox, path, SubmissionExactlyOnceTests.FastRetries);

        Assert.Equal(1, outcome.States[OrderState.Conflict]);
        Assert.Equal(0, outcome.Submission.Attempts);
        Assert.Equal((1, 1), (sandbox.GetStats().CartsCreated, sandbox.GetLedger().Count));
    }

    /// <summary>
    /// Every planned new-commerce line is in exactly one order a checkout created (cartId set), no cart was made twice
    /// for one order, and the journal records each line's order and subscription as the ledger has them.
    /// </summary>
    internal static void AssertCartsBoughtExactlyOnce(SandboxServer sandbox, string path, int expectedOrders)
    {
        var ledger = sandbox.GetLedger();
        Assert.All(ledger, o => Assert.NotNull(o.CartId));
        Assert.Equal(expectedOrders, sandbox.GetStats().CartsCreated);
        Assert.Equal(expectedOrders, ledger.GroupBy(o => o.CartId).Count());
        using var journal = Journal(path);
        var planned = journal.GetOrders().SelectMany(o => o.LineItems.Select(l => $"{o.CustomerId} {l.OfferId} x{l.Quantity} {l.TermDuration}")).Order().ToList();
        var bought = ledger.SelectMany(o => o.LineItems.Select(l => $"{o.CustomerId} {l.OfferId} x{l.Quantity} {l.TermDuration}")).Order().ToList();
        Assert.Equal(planned, bought);
        var subscriptions = ledger.SelectMany(o => o.LineItems.Select(l => (o.OrderId, Subscription: l.SubscriptionId.ToString()))).ToHashSet();
        Assert.All(journal.GetOrders().SelectMany(o => o.LineItems), l => Assert.Contains((l.PartnerOrderId!, l.SubscriptionId!), subscriptions));
    }

    /// <summary>What a run killed right after journaling its carts leaves: every order Sending, with a cart and no checkout.</summary>
    private static async Task CreateCartsThenStopAsync(SandboxServer sandbox, string path)
    {
        var input = BatchInput.Load(path, cancellationToken: CancellationToken.None);
        var (run, problem) = BatchRun.Open(input, Target.Sandbox);
        Assert.Null(problem);
        using (run)
        {
            run!.Journal.Synchronize(input.Read, input.Plan!, InputHash.Compute(path), retryFailed: false);
            using var http = SubmissionExactlyOnceTests.Http(sandbox);
            var client = new PartnerCenterClient(http);
            foreach (var order in run.Journal.GetWork())
            {
                var sending = run.Journal.Apply(order.OrderKey, new OrderChange.Send());
                var created = Assert.IsType<AttemptOutcome.CartCreated>(await client.CreateCartAsync(sending, CancellationToken.None));
                run.Journal.Apply(order.OrderKey, new OrderChange.CartReady(created.CartId, created.ExpiresAt, Guid.NewGuid(), new Dictionary<int, string?>()));
            }
        }
    }

    private static BatchJournal Journal(string path)
    {
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        return journal!;
    }
}
