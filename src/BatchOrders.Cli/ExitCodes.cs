namespace BatchOrders.Cli;

/// <summary>The process exit codes, as DESIGN.md defines them.</summary>
internal static class ExitCodes
{
    /// <summary>All rows succeeded, or a clean what-if.</summary>
    public const int Success = 0;

    /// <summary>Some orders failed.</summary>
    public const int OrdersFailed = 1;

    /// <summary>The input or the command was invalid; nothing was sent.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted, or retryable orders remain: rerun the same command to resume.</summary>
    public const int Interrupted = 3;

    /// <summary>Authentication or configuration.</summary>
    public const int AuthenticationOrConfiguration = 4;
}
