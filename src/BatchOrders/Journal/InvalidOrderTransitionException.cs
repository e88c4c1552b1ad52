namespace BatchOrders.Journal;

/// <summary>
/// A transition was asked of an order in a state it may not be taken from: a bug in the caller, refused before
/// anything is written so the journal never holds an impossible history.
/// </summary>
public sealed class InvalidOrderTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="orderKey"/>, found in <paramref name="state"/>.</summary>
    public InvalidOrderTransitionException(string orderKey, OrderTransition transition, OrderState state)
        : base($"Order {orderKey} is {state}: {transition} is allowed only from {string.Join(", ", OrderStateMachine.From(transition))}.")
    {
        OrderKey = orderKey;
        Transition = transition;
        State = state;
    }

    /// <summary>The order asked to change.</summary>
    public string OrderKey { get; }

    /// <summary>The transition refused.</summary>
    public OrderTransition Transition { get; }

    /// <summary>The state the order was in.</summary>
    public OrderState State { get; }
}
