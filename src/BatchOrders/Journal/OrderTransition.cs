namespace BatchOrders.Journal;

/// <summary>
/// The named ways an order's state changes. <see cref="OrderStateMachine"/> says from which states each may be
/// taken; the journal applies them in one place and refuses any other (docs/ARCHITECTURE.md, "Journal states").
/// </summary>
public enum OrderTransition
{
    /// <summary>The order is about to be sent (first time or again): Sending, with the time its request id was first used.</summary>
    Send,

    /// <summary>Partner Center created the order or added the add-ons.</summary>
    Succeed,

    /// <summary>Partner Center refused it for a business reason: definitive, kept with its code and description.</summary>
    Fail,

    /// <summary>No definitive answer this run (time-out, fault, refused token mid-flight): stays Sending, resent with the same request id.</summary>
    KeepInFlight,

    /// <summary>It never left this run (stopped first, or refused before processing): back to Pending, same request id.</summary>
    Unsend,

    /// <summary>A refused, conflicting or superseded version is to be sent again (rows came back, or --retry-failed): Pending with a new request id.</summary>
    Reopen,

    /// <summary>Its rows changed after the order for the same slot succeeded: never sent, shown to the user.</summary>
    MarkConflict,

    /// <summary>Its rows were changed or removed, so a newer version (or nothing) replaces it: never sent.</summary>
    Supersede,

    /// <summary>Cart path: the cart is created; its id and the checkout's request id are journaled before the checkout is sent.</summary>
    CartReady,

    /// <summary>Cart path: the cart expired unused (nothing bought): a new cart, with a new request id, replaces it.</summary>
    CartExpired,

    /// <summary>Every line it still needed was bought by another version of it (rows sorted, re-saved, fixed): done without a request.</summary>
    Fulfil,

    /// <summary>
    /// Cart path, in flight before its cart was journaled (so nothing bought): an availability it carries was reissued,
    /// so it takes today's in a new cart with a new request id; a cart the old request made is never checked out.
    /// </summary>
    CartRenewed,
}
