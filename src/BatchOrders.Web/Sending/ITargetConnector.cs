using BatchOrders.PartnerCenter;

namespace BatchOrders.Web.Sending;

/// <summary>
/// How the page reaches the places it sends to. The process that starts the page (the CLI's <c>serve</c>) implements
/// it with the same settings, sign-in and sandbox as <c>submit</c>, so the page adds no second way of connecting.
/// </summary>
public interface ITargetConnector
{
    /// <summary>Where rehearsals go: the built-in sandbox, or the endpoint <c>serve --target</c> named.</summary>
    Target Rehearsal { get; }

    /// <summary>True when live Partner Center's settings are configured, so the page may offer to send for real.</summary>
    bool LiveConfigured { get; }

    /// <summary>
    /// Readies a run against <paramref name="target"/>: the target it really is (a rehearsal of the live path is its
    /// endpoint) and its sign-in, whose device code, if any, goes to <paramref name="showSignIn"/>. Or the problem in
    /// words, nothing sent.
    /// </summary>
    Task<(ITargetSession? Session, string? Problem)> PrepareAsync(Target target, Func<string, Task> showSignIn, CancellationToken cancellationToken);
}

/// <summary>One run's connection to its target: signed in before anything is sent, closed when the run ends.</summary>
public interface ITargetSession : IAsyncDisposable
{
    /// <summary>The target the journal is bound to.</summary>
    Target Target { get; }

    /// <summary>Signs in (waiting for a device code to be used); the problem in words, or null when signed in or nothing to do.</summary>
    Task<string?> SignInAsync(CancellationToken cancellationToken);

    /// <summary>Connects: the client that sends the batch whose journal is <paramref name="journalPath"/> (the built-in sandbox keeps its state beside it).</summary>
    Task<PartnerCenterClient> ConnectAsync(string journalPath, CancellationToken cancellationToken);
}
