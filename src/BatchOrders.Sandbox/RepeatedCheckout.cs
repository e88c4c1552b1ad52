namespace BatchOrders.Sandbox;

/// <summary>
/// What the sandbox answers when a cart that was already checked out is checked out again. Partner Center documents
/// both: today's "the response reiterates the information returned after the initial checkout", and older error
/// tables' 800065 "Cannot check out an already submitted cart"; a client must cope with either.
/// </summary>
public enum RepeatedCheckout
{
    /// <summary>201 and the stored <c>CartCheckoutResult</c> of the first checkout, whatever the <c>MS-RequestId</c>.</summary>
    Replay,

    /// <summary>400, code 800065, for every later checkout of that cart, even with the first checkout's <c>MS-RequestId</c>.</summary>
    AlreadySubmittedError,
}
