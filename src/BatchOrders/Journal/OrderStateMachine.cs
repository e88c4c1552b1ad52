namespace BatchOrders.Journal;

/// <summary>
/// Every transition an order may take and the states it may be taken from — the one table of the journal's life
/// cycle (docs/ARCHITECTURE.md, "Journal states"). Orders are born <see cref="OrderState.Pending"/>; or
/// <see cref="OrderState.Conflict"/> when a line another version bought changed; or <see cref="OrderState.Succeeded"/>
/// when other versions already bought every line.
/// </summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderTransition, (OrderState[] From, OrderState To)> Table = new()
    {
        [OrderTransition.Send] = ([OrderState.Pending, OrderState.Sending], OrderState.Sending),
        [OrderTransition.Succeed] = ([OrderState.Sending], OrderState.Succeeded),
        [OrderTransition.Fail] = ([OrderState.Sending], OrderState.Failed),
        [OrderTransition.KeepInFlight] = ([OrderState.Sending], OrderState.Sending),
        [OrderTransition.Unsend] = ([OrderState.Sending], OrderState.Pending),
        [OrderTransition.Reopen] = ([OrderState.Failed, OrderState.Conflict, OrderState.Superseded], OrderState.Pending),
        [OrderTransition.MarkConflict] = ([OrderState.Pending, OrderState.Failed, OrderState.Conflict, OrderState.Superseded], OrderState.Conflict),
        [OrderTransition.Supersede] = ([OrderState.Pending, OrderState.Failed, OrderState.Conflict], OrderState.Superseded),
        [OrderTransition.CartReady] = ([OrderState.Sending], OrderState.Sending),
        [OrderTransition.CartExpired] = ([OrderState.Sending], OrderState.Sending),
        [OrderTransition.CartRenewed] = ([OrderState.Sending], OrderState.Sending),
        [OrderTransition.Fulfil] = ([OrderState.Pending, OrderState.Failed, OrderState.Conflict, OrderState.Superseded], OrderState.Succeeded),
    };

    /// <summary>The states a new order may start in.</summary>
    public static IReadOnlyList<OrderState> InitialStates { get; } = [OrderState.Pending, OrderState.Conflict, OrderState.Succeeded];

    /// <summary>Every transition, in declaration order.</summary>
    public static IReadOnlyList<OrderTransition> Transitions { get; } = Enum.GetValues<OrderTransition>();

    /// <summary>The states <paramref name="transition"/> may be taken from.</summary>
    public static IReadOnlyList<OrderState> From(OrderTransition transition) => Table[transition].From;

    /// <summary>The state <paramref name="transition"/> leads to.</summary>
    public static OrderState To(OrderTransition transition) => Table[transition].To;

    /// <summary>Whether an order in <paramref name="state"/> may take <paramref name="transition"/>.</summary>
    public static bool Allows(OrderTransition transition, OrderState state) => Array.IndexOf(Table[transition].From, state) >= 0;
}
