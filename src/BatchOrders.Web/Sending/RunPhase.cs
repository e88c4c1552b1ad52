namespace BatchOrders.Web.Sending;

/// <summary>Where a run started from the page is.</summary>
public enum RunPhase
{
    /// <summary>Reading the file and opening the journal.</summary>
    Starting,

    /// <summary>Waiting for the person to sign in with a device code.</summary>
    SigningIn,

    /// <summary>The preflight: every row checked against Partner Center's data, read-only.</summary>
    CheckingRows,

    /// <summary>Reading the customers' recent orders to catch repeats.</summary>
    CheckingRepeats,

    /// <summary>Sending orders.</summary>
    Sending,

    /// <summary>Stop was asked: no new orders; requests in flight finish.</summary>
    Stopping,

    /// <summary>The run has ended (see its outcome or problem).</summary>
    Ended,
}
