namespace BatchOrders.Journal;

/// <summary>Where an order is in its life; see <see cref="OrderStateMachine"/> and docs/ARCHITECTURE.md, "Journal states".</summary>
public enum OrderState
{
    /// <summary>Planned, with its request id, and never sent.</summary>
    Pending,

    /// <summary>Sent at least once and no definitive answer yet: resent with the same request id.</summary>
    Sending,

    /// <summary>Partner Center created the order (or added the add-ons).</summary>
    Succeeded,

    /// <summary>Partner Center refused it for a business reason; sent again only when its rows change or with --retry-failed.</summary>
    Failed,

    /// <summary>Its rows changed after an order for the same slot succeeded: never sent, shown to the user.</summary>
    Conflict,

    /// <summary>Replaced by a newer version of its rows, or its rows left the file; never sent.</summary>
    Superseded,
}
