using BatchOrders.Runs;

namespace BatchOrders.Cli;

/// <summary>The process exit codes (docs/ARCHITECTURE.md, "Exit codes"); a run's <see cref="BatchRunStatus"/> values are the same numbers.</summary>
internal static class ExitCodes
{
    /// <summary>All rows succeeded, or a clean what-if.</summary>
    public const int Success = (int)BatchRunStatus.Succeeded;

    /// <summary>Some orders failed or are in conflict.</summary>
    public const int OrdersFailed = (int)BatchRunStatus.SomeFailed;

    /// <summary>The input or the command was invalid; nothing was sent.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted, or retryable orders remain: rerun the same command to resume.</summary>
    public const int Interrupted = (int)BatchRunStatus.Unfinished;

    /// <summary>Authentication or configuration.</summary>
    public const int AuthenticationOrConfiguration = (int)BatchRunStatus.SignInRefused;

    /// <summary>Another run is using this journal; nothing was sent.</summary>
    public const int JournalInUse = 5;

    /// <summary>The exit code a run ends with.</summary>
    public static int Of(BatchRunStatus status) => (int)status;
}
