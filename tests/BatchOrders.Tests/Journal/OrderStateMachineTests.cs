using BatchOrders.Journal;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BatchOrders.Tests.Journal;

/// <summary>The journal's life cycle as one table: every allowed transition is applied, every other one is refused.</summary>
public sealed class OrderStateMachineTests : IDisposable
{
    /// <summary>The allowed transitions, written out by hand: the state machine and the journal must both agree with this table.</summary>
    private static readonly (OrderTransition Transition, OrderState From, OrderState To)[] Allowed =
    [
        (OrderTransition.Send, OrderState.Pending, OrderState.Sending),
        (OrderTransition.Send, OrderState.Sending, OrderState.Sending),
        (OrderTransition.Succeed, OrderState.Sending, OrderState.Succeeded),
        (OrderTransition.Fail, OrderState.Sending, OrderState.Failed),
        (OrderTransition.KeepInFlight, OrderState.Sending, OrderState.Sending),
        (OrderTransition.Unsend, OrderState.Sending, OrderState.Pending),
        (OrderTransition.Reopen, OrderState.Failed, OrderState.Pending),
        (OrderTransition.Reopen, OrderState.Conflict, OrderState.Pending),
        (OrderTransition.Reopen, OrderState.Superseded, OrderState.Pending),
        (OrderTransition.MarkConflict, OrderState.Pending, OrderState.Conflict),
        (OrderTransition.MarkConflict, OrderState.Failed, OrderState.Conflict),
        (OrderTransition.MarkConflict, OrderState.Conflict, OrderState.Conflict),
        (OrderTransition.MarkConflict, OrderState.Superseded, OrderState.Conflict),
        (OrderTransition.Supersede, OrderState.Pending, OrderState.Superseded),
        (OrderTransition.Supersede, OrderState.Failed, OrderState.Superseded),
        (OrderTransition.Supersede, OrderState.Conflict, OrderState.Superseded),
        (OrderTransition.CartReady, OrderState.Sending, OrderState.Sending),
        (OrderTransition.CartExpired, OrderState.Sending, OrderState.Sending),
        (OrderTransition.CartRenewed, OrderState.Sending, OrderState.Sending),
        (OrderTransition.Fulfil, OrderState.Pending, OrderState.Succeeded),
        (OrderTransition.Fulfil, OrderState.Failed, OrderState.Succeeded),
        (OrderTransition.Fulfil, OrderState.Conflict, OrderState.Succeeded),
        (OrderTransition.Fulfil, OrderState.Superseded, OrderState.Succeeded),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<OrderTransition, OrderState> EveryTransitionFromEveryState()
    {
        var data = new TheoryData<OrderTransition, OrderState>();
        foreach (var transition in Enum.GetValues<OrderTransition>())
        {
            foreach (var state in Enum.GetValues<OrderState>())
            {
                data.Add(transition, state);
            }
        }

        return data;
    }

    [Fact]
    public void The_state_machine_allows_exactly_the_transitions_of_the_table()
    {
        var table = OrderStateMachine.Transitions
            .SelectMany(t => OrderStateMachine.From(t).Select(from => (t, from, OrderStateMachine.To(t))))
            .ToHashSet();

        Assert.Equal(Allowed.ToHashSet(), table);
    }

    [Theory]
    [MemberData(nameof(EveryTransitionFromEveryState))]
    public void A_transition_is_applied_only_from_its_allowed_states(OrderTransition transition, OrderState from)
    {
        using var journal = JournalWithOneOrder(out var key);
        ForceState(journal.Path, key, from, linesBought: transition == OrderTransition.Fulfil);
        var attemptsBefore = journal.GetOrder(key)!.Attempts;
        var allowed = Allowed.SingleOrDefault(a => a.Transition == transition && a.From == from);

        var change = ChangeFor(transition, journal.GetOrder(key)!) with { Attempt = new AttemptNote(Guid.NewGuid(), 200, "test", null, null) };
        if (allowed.Transition == transition && allowed.From == from)
        {
            var after = journal.Apply(key, change);

            Assert.Equal(allowed.To, after.State);
            Assert.Equal(attemptsBefore + 1, after.Attempts);
        }
        else
        {
            var refused = Assert.Throws<InvalidOrderTransitionException>(() => journal.Apply(key, change));

            Assert.Equal((transition, from), (refused.Transition, refused.State));
            Assert.Equal((from, attemptsBefore), (journal.GetOrder(key)!.State, journal.GetOrder(key)!.Attempts));
            Assert.Empty(journal.GetAttempts());
        }
    }

    private static OrderChange ChangeFor(OrderTransition transition, JournalOrder order) => transition switch
    {
        OrderTransition.Send => new OrderChange.Send(),
        OrderTransition.Succeed => new OrderChange.Succeed("Cs_1", 201, new Dictionary<int, string> { [0] = Rows.Subscription }),
        OrderTransition.Fail => new OrderChange.Fail(400, "2002", "Quantity out of range."),
        OrderTransition.KeepInFlight => new OrderChange.KeepInFlight(503, null, "Service unavailable."),
        OrderTransition.Unsend => new OrderChange.Unsend(401, "401", "The token was refused."),
        OrderTransition.Reopen => new OrderChange.Reopen(Guid.NewGuid()),
        OrderTransition.MarkConflict => new OrderChange.MarkConflict("These rows changed."),
        OrderTransition.Supersede => new OrderChange.Supersede(order.OrderKey + "-next"),
        OrderTransition.Fulfil => new OrderChange.Fulfil(),
        OrderTransition.CartReady => new OrderChange.CartReady("cart-1", null, Guid.NewGuid(), new Dictionary<int, string?> { [0] = "0" }),
        OrderTransition.CartExpired => new OrderChange.CartExpired(Guid.NewGuid()),
        OrderTransition.CartRenewed => new OrderChange.CartRenewed(Guid.NewGuid(), order.LineItems),
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };

    /// <summary>Puts the order in a state directly in the file: the arrangement of a test, never what the tool does.</summary>
    private static void ForceState(string journalPath, string key, OrderState state, bool linesBought)
    {
        using var connection = new SqliteConnection($"Data Source={journalPath};Pooling=False");
        connection.Open();
        connection.Execute("UPDATE orders SET state = @state WHERE order_key = @key", new { state = state.ToString(), key });
        if (linesBought)
        {
            // Fulfil takes an order whose every line another version bought: the sync would have stamped them so.
            connection.Execute(
                "UPDATE orders SET line_items_json = json_set(line_items_json, '$[0].partnerOrderId', 'Cs_other', '$[0].adoptedFrom', 'other') WHERE order_key = @key",
                new { key });
        }
    }

    private BatchJournal JournalWithOneOrder(out string key)
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv("CustomerId,OfferId,Quantity", $"{Rows.Customer},{Rows.E3},5"));
        var read = SpreadsheetReader.Read(path);
        var plan = OrderPlanner.Plan(path, read.Rows);
        var (journal, problem) = BatchJournal.Open(BatchJournal.DefaultPath(path));
        Assert.Null(problem);
        var sha = InputHash.Compute(path);
        Assert.Null(journal!.Bind(path, sha, null, read.Headers, Target.Sandbox));
        journal.Synchronize(read, plan, sha, retryFailed: false);
        key = plan.Orders[0].OrderKey;
        return journal;
    }
}
