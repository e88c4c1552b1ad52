using BatchOrders.Cli.Output;
using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Problems;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Tests.Journal;

public sealed class BatchJournalTests : IDisposable
{
    private const string Header = "CustomerId,OfferId,Quantity,BillingCycle,OrderGroup";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_planned_order_is_journaled_with_its_request_id_before_anything_is_sent()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,", $"{Rows.OtherCustomer},{Rows.E1},2,Annual,");

        var report = journal.Synchronize(read, plan, sha, retryFailed: false);

        Assert.Equal(2, report.NewOrders);
        var orders = journal.GetOrders();
        Assert.Equal(plan.Orders.Select(o => o.OrderKey), orders.Select(o => o.OrderKey));
        Assert.All(orders, o => Assert.Equal((OrderState.Pending, 0), (o.State, o.Attempts)));
        Assert.Equal(4, orders.SelectMany(o => new[] { o.RequestId, o.CorrelationId }).Distinct().Count());
        Assert.Equal("monthly", orders[0].BillingCycle);
        // The journal keeps what is sent: offer ids in the catalog's spelling (upper-case GUIDs), as Microsoft's SDK sends them.
        Assert.Equal((Rows.E3.ToUpperInvariant(), 5, 2), (orders[0].LineItems[0].OfferId, orders[0].LineItems[0].Quantity, orders[0].LineItems[0].Row));
        Assert.Equal(orders.Select(o => o.OrderKey), journal.GetWork().Select(o => o.OrderKey));
        Assert.Equal([2, 3], journal.GetRows().Select(r => r.Row));
        Assert.Equal(Rows.E3, journal.GetRows()[0].Cells[1]);
    }

    [Fact]
    public void Rows_sorted_another_way_are_sent_in_their_new_order_and_an_unchanged_file_keeps_it()
    {
        var first = $"{Rows.Customer},{Rows.E3},5,Monthly,";
        var second = $"{Rows.OtherCustomer},{Rows.E1},2,Annual,";
        using var journal = Open();
        var (read, plan, sha) = Input(first, second);
        journal.Synchronize(read, plan, sha, retryFailed: false);
        var keys = journal.GetWork().Select(o => o.OrderKey).ToArray();

        (read, plan, sha) = Input(second, first);
        journal.Synchronize(read, plan, sha, retryFailed: false);
        Assert.Equal(keys.Reverse(), journal.GetWork().Select(o => o.OrderKey));

        journal.Synchronize(read, plan, sha, retryFailed: false);
        Assert.Equal(keys.Reverse(), journal.GetWork().Select(o => o.OrderKey));
    }

    [Fact]
    public void A_reopened_journal_has_the_same_request_ids_and_synchronising_again_changes_nothing()
    {
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,");
        JournalOrder before;
        using (var journal = Open())
        {
            journal.Synchronize(read, plan, sha, retryFailed: false);
            before = journal.Apply(plan.Orders[0].OrderKey, new OrderChange.Send());
        }

        using var reopened = Open();
        var report = reopened.Synchronize(read, plan, sha, retryFailed: false);

        var after = Assert.Single(reopened.GetOrders());
        Assert.Equal((0, 1), (report.NewOrders, report.InFlight));
        Assert.Equal((OrderState.Sending, before.RequestId, before.CorrelationId), (after.State, after.RequestId, after.CorrelationId));
        Assert.NotNull(after.RequestFirstUsedAt);
        Assert.Equal(after.OrderKey, Assert.Single(reopened.GetWork()).OrderKey);
    }

    [Fact]
    public void Succeeded_orders_are_skipped_with_their_order_and_subscription_ids_kept()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);
        var key = plan.Orders[0].OrderKey;
        journal.Apply(key, new OrderChange.Send());
        journal.RecordAttempt(key, new AttemptNote(journal.GetOrder(key)!.RequestId, 201, "succeeded", null, null));
        journal.Apply(key, new OrderChange.Succeed("Cs_order1", 201, new Dictionary<int, string> { [0] = Rows.Subscription }));

        var report = journal.Synchronize(read, plan, sha, retryFailed: true);

        Assert.Equal(1, report.AlreadySucceeded);
        Assert.Empty(journal.GetWork());
        var order = journal.GetOrder(key)!;
        Assert.Equal((OrderState.Succeeded, "Cs_order1", 1, Rows.Subscription), (order.State, order.PartnerOrderId, order.Attempts, order.LineItems[0].SubscriptionId));
        Assert.NotNull(order.CompletedAt);
    }

    [Fact]
    public void Failed_orders_stay_failed_unless_retried_and_a_retry_gets_a_new_request_id()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);
        var key = plan.Orders[0].OrderKey;
        var first = journal.Apply(key, new OrderChange.Send());
        journal.Apply(key, new OrderChange.Fail(400, "2002", "Quantity out of range."));

        var kept = journal.Synchronize(read, plan, sha, retryFailed: false);
        Assert.Equal(1, kept.FailedKept);
        Assert.Empty(journal.GetWork());

        var retried = journal.Synchronize(read, plan, sha, retryFailed: true);
        var order = journal.GetOrder(key)!;
        Assert.Equal(1, retried.FailedRetried);
        Assert.Equal(OrderState.Pending, order.State);
        Assert.NotEqual(first.RequestId, order.RequestId);
        Assert.Equal(first.CorrelationId, order.CorrelationId);
        Assert.Null(order.ErrorCode);
    }

    [Fact]
    public void A_fixed_row_of_a_failed_order_is_sent_as_a_new_order_and_the_failed_one_is_superseded()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},50000,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);
        var failedKey = plan.Orders[0].OrderKey;
        journal.Apply(failedKey, new OrderChange.Send());
        journal.Apply(failedKey, new OrderChange.Fail(400, "2002", "Quantity out of range."));

        var (fixedRead, fixedPlan, fixedSha) = Input($"{Rows.Customer},{Rows.E3},50,Monthly,");
        var report = journal.Synchronize(fixedRead, fixedPlan, fixedSha, retryFailed: false);

        Assert.Equal((1, 1), (report.NewOrders, report.Superseded));
        Assert.Equal(OrderState.Superseded, journal.GetOrder(failedKey)!.State);
        Assert.Equal(fixedPlan.Orders[0].OrderKey, journal.GetOrder(failedKey)!.SupersededBy);
        Assert.Equal(fixedPlan.Orders[0].OrderKey, Assert.Single(journal.GetWork()).OrderKey);
        Assert.Equal("50", Assert.Single(journal.GetRows()).Cells[2]);
    }

    [Fact]
    public void A_row_changed_after_its_order_succeeded_is_a_conflict_and_never_sent()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,", $"{Rows.OtherCustomer},{Rows.E1},1,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);
        var key = plan.Orders[0].OrderKey;
        journal.Apply(key, new OrderChange.Send());
        journal.Apply(key, new OrderChange.Succeed("Cs_done", 201, new Dictionary<int, string>()));

        var (changedRead, changedPlan, changedSha) = Input($"{Rows.Customer},{Rows.E3},7,Monthly,", $"{Rows.OtherCustomer},{Rows.E1},1,Monthly,");
        var report = journal.Synchronize(changedRead, changedPlan, changedSha, retryFailed: true);

        var conflict = Assert.Single(report.Conflicts);
        Assert.Equal([2], conflict.Rows);
        Assert.Contains("Cs_done", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(OrderState.Conflict, journal.GetOrder(conflict.OrderKey)!.State);
        Assert.Equal(OrderState.Succeeded, journal.GetOrder(key)!.State);
        Assert.Equal(changedPlan.Orders[1].OrderKey, Assert.Single(journal.GetWork()).OrderKey);
    }

    [Fact]
    public void A_new_version_of_an_in_flight_order_waits_for_its_outcome()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);
        var inFlight = plan.Orders[0].OrderKey;
        journal.Apply(inFlight, new OrderChange.Send());

        var (changedRead, changedPlan, changedSha) = Input($"{Rows.Customer},{Rows.E3},6,Monthly,");
        var report = journal.Synchronize(changedRead, changedPlan, changedSha, retryFailed: false);

        Assert.Equal(1, report.Held);
        Assert.Equal(inFlight, Assert.Single(journal.GetWork()).OrderKey);

        journal.Apply(inFlight, new OrderChange.Succeed("Cs_first", 201, new Dictionary<int, string>()));
        var after = journal.Synchronize(changedRead, changedPlan, changedSha, retryFailed: false);

        Assert.Single(after.Conflicts);
        Assert.Empty(journal.GetWork());
    }

    [Fact]
    public void When_an_in_flight_version_fails_the_new_version_is_sent()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},50000,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);
        journal.Apply(plan.Orders[0].OrderKey, new OrderChange.Send());
        var (changedRead, changedPlan, changedSha) = Input($"{Rows.Customer},{Rows.E3},50,Monthly,");
        journal.Synchronize(changedRead, changedPlan, changedSha, retryFailed: false);

        journal.Apply(plan.Orders[0].OrderKey, new OrderChange.Fail(400, "2002", "Quantity out of range."));
        journal.Synchronize(changedRead, changedPlan, changedSha, retryFailed: false);

        Assert.Equal(OrderState.Superseded, journal.GetOrder(plan.Orders[0].OrderKey)!.State);
        Assert.Equal(changedPlan.Orders[0].OrderKey, Assert.Single(journal.GetWork()).OrderKey);
    }

    [Fact]
    public void Orders_whose_rows_left_the_file_are_superseded_and_not_sent()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,", $"{Rows.OtherCustomer},{Rows.E1},1,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);

        var (shorter, shorterPlan, shorterSha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,");
        var report = journal.Synchronize(shorter, shorterPlan, shorterSha, retryFailed: false);

        Assert.Equal(1, report.Superseded);
        Assert.Null(journal.GetOrder(plan.Orders[1].OrderKey)!.SupersededBy);
        Assert.Equal(plan.Orders[0].OrderKey, Assert.Single(journal.GetWork()).OrderKey);
    }

    [Fact]
    public void Not_sent_restores_the_state_before_the_run()
    {
        using var journal = Open();
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,");
        journal.Synchronize(read, plan, sha, retryFailed: false);
        var key = plan.Orders[0].OrderKey;
        var sent = journal.Apply(key, new OrderChange.Send());

        journal.Apply(key, new OrderChange.Unsend(401, "401", "The token was refused."));

        var order = journal.GetOrder(key)!;
        Assert.Equal((OrderState.Pending, sent.RequestId, "401"), (order.State, order.RequestId, order.ErrorCode));
    }

    [Fact]
    public void A_journal_belongs_to_one_input_file_and_one_target()
    {
        using var journal = Open();
        Assert.Null(journal.Bind(_folder.File("orders.csv"), "abc", null, ["CustomerId"], Target.Sandbox));
        Assert.Null(journal.Bind(_folder.File("orders.csv"), "def", null, ["CustomerId"], Target.Sandbox));

        var otherFile = journal.Bind(_folder.File("other.csv"), "abc", null, ["CustomerId"], Target.Sandbox);
        var otherTarget = journal.Bind(_folder.File("orders.csv"), "abc", null, ["CustomerId"], Target.Live);

        Assert.IsType<JournalOfAnotherInput>(otherFile);
        Assert.Contains("belongs to orders.csv, not other.csv", ProblemWords.For(otherFile), StringComparison.Ordinal);
        Assert.Contains("--journal PATH", ProblemWords.For(otherFile), StringComparison.Ordinal);
        Assert.IsType<JournalOfAnotherTarget>(otherTarget);
        Assert.Contains("was used with the built-in sandbox (nothing is really ordered); this run is for LIVE Partner Center (real orders)", otherTarget.Message, StringComparison.Ordinal);
        Assert.Null(journal.Bind(_folder.File("orders.csv"), "abc", null, ["CustomerId"], Target.Endpoint(new Uri("http://127.0.0.1:5099/"))));
        Assert.Matches("^[0-9a-f]{32}$", journal.GetBatch()!.BatchId);
    }

    [Fact]
    public void A_journal_from_a_newer_version_or_a_file_that_is_not_a_journal_is_refused()
    {
        var newer = _folder.File("newer.db");
        using (var journal = Open(newer))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            connection.Open();
            connection.Execute("INSERT INTO schema_version VALUES (99, 'x')");
        }

        var (none, problem) = BatchJournal.Open(newer);
        var (notJournal, garbage) = BatchJournal.Open(_folder.WriteText("notes.db", "these are my notes, not a database, and they are long enough to matter"));

        Assert.Null(none);
        Assert.Contains("newer version of BatchOrders", problem!.Message, StringComparison.Ordinal);
        Assert.Null(notJournal);
        Assert.Contains("cannot be used", garbage!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_journal_written_by_the_first_version_is_migrated_forward_and_keeps_its_orders()
    {
        var path = _folder.File("orders.csv.journal.db");
        var (read, plan, sha) = Input($"{Rows.Customer},{Rows.E3},5,Monthly,");
        string requestId;
        using (var journal = Open())
        {
            journal.Synchronize(read, plan, sha, retryFailed: false);
            requestId = journal.GetOrders()[0].RequestId.ToString();
        }

        // Back to what version 1 wrote: no batch id, no inputs or partner_reads table, no family, path or cart columns, no run versions; schema version 1.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            connection.Execute(
                """
                ALTER TABLE batch DROP COLUMN batch_id; DROP TABLE inputs; DROP TABLE partner_reads; DROP INDEX orders_by_family;
                ALTER TABLE orders DROP COLUMN family_key; ALTER TABLE orders DROP COLUMN path; ALTER TABLE orders DROP COLUMN cart_id;
                ALTER TABLE orders DROP COLUMN cart_expires_at; ALTER TABLE orders DROP COLUMN checkout_request_id;
                ALTER TABLE runs DROP COLUMN tool_version;
                DELETE FROM schema_version WHERE version > 1;
                """);
        }

        using var migrated = Open(path);

        Assert.Matches("^[0-9a-f]{32}$", migrated.GetBatch()!.BatchId);
        Assert.Equal(requestId, migrated.GetOrders()[0].RequestId.ToString());
    }

    [Fact]
    public void A_run_records_the_version_that_made_it_and_runs_from_before_migration_4_have_none()
    {
        var path = _folder.File("orders.csv.journal.db");
        using (var journal = Open())
        {
            journal.EndRun(journal.StartRun("abc", Target.Sandbox), 0);
        }

        // Back to what version 3 wrote: runs without the version column (and no partner_reads, from version 6).
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            connection.Execute("ALTER TABLE runs DROP COLUMN tool_version; DROP TABLE partner_reads; DELETE FROM schema_version WHERE version > 3;");
        }

        using var migrated = Open(path);
        migrated.EndRun(migrated.StartRun("abc", Target.Sandbox), 0);

        Assert.Equal([null, BatchOrdersVersion.Current], migrated.GetRuns().Select(r => r.ToolVersion));
    }

    [Fact]
    public void The_repeat_checks_reads_kept_by_version_5_are_kept_over_as_reads_of_the_customers_orders()
    {
        var path = _folder.File("orders.csv.journal.db");
        using (Open())
        {
        }

        // Back to what version 5 wrote: the repeat check's reads in customer_reads, keyed by customer.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            connection.Execute(
                """
                DROP TABLE partner_reads;
                CREATE TABLE customer_reads (customer_id TEXT PRIMARY KEY COLLATE NOCASE, read_at TEXT NOT NULL, orders_json TEXT NOT NULL);
                INSERT INTO customer_reads VALUES ('0a1b2c3d-0000-4000-8000-000000000001', '2026-12-08T09:00:00.0000000+00:00', '["order-1"]');
                DELETE FROM schema_version WHERE version > 5;
                """);
        }

        using var migrated = Open(path);

        var since = new DateTimeOffset(2026, 12, 8, 8, 59, 0, TimeSpan.Zero);
        Assert.Equal("[\"order-1\"]", migrated.GetRead("v1/customers/0A1B2C3D-0000-4000-8000-000000000001/orders", since));
        Assert.Null(migrated.GetRead("v1/customers/0a1b2c3d-0000-4000-8000-000000000001/orders", since.AddMinutes(2)));
    }

    [Fact]
    public void The_schema_is_versioned()
    {
        var path = _folder.File("versioned.db");
        using (Open(path))
        {
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Equal(6L, connection.ExecuteScalar<long>("SELECT MAX(version) FROM schema_version"));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    private BatchJournal Open(string? path = null)
    {
        var (journal, problem) = BatchJournal.Open(path ?? _folder.File("orders.csv.journal.db"));
        Assert.Null(problem);
        if (path is null)
        {
            Assert.Null(journal!.Bind(_folder.File("orders.csv"), "initial", null, ["CustomerId"], Target.Sandbox));
        }

        return journal!;
    }

    private (ReadResult Read, OrderPlan Plan, string Sha) Input(params string[] lines)
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv(Header, lines));
        var read = SpreadsheetReader.Read(path);
        Assert.True(read.IsValid, Reading.CsvReadingTests.Describe(read));
        return (read, OrderPlanner.Plan(path, read.Rows), InputHash.Compute(path));
    }
}
