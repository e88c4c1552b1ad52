namespace BatchOrders.Runs;

/// <summary>
/// How a run ended, the most urgent first when several apply. The values are the exit codes of the
/// <c>batchorders</c> process (docs/ARCHITECTURE.md, "Exit codes"), so a journal's runs can be read the same way.
/// </summary>
public enum BatchRunStatus
{
    /// <summary>Every order succeeded.</summary>
    Succeeded = 0,

    /// <summary>Some orders were refused or are in conflict; the rest succeeded.</summary>
    SomeFailed = 1,

    /// <summary>
    /// The repeat check found planned orders that repeat recent orders the customers already have: they were not sent,
    /// and no order was started after the first was found (orders of customers checked before may have been sent).
    /// </summary>
    RepeatsFound = 2,

    /// <summary>Interrupted, or orders remain without a definitive answer: run again to resume.</summary>
    Unfinished = 3,

    /// <summary>The service refused the credentials (401, 403) or no token could be had: the batch stopped.</summary>
    SignInRefused = 4,
}
