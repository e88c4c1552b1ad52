using BatchOrders.PartnerCenter;
using BatchOrders.Web.Sending;

namespace BatchOrders.Cli.Targets;

/// <summary>
/// The page's way to its targets: exactly <c>submit</c>'s (<see cref="LiveSignIn"/>, <see cref="TargetConnection"/>),
/// with the device-code message shown on the page instead of the console.
/// </summary>
internal sealed class ServeTargets(Target rehearsal, PartnerCenterSettings settings) : ITargetConnector
{
    public Target Rehearsal => rehearsal;

    public bool LiveConfigured => settings.MissingForLive().Count == 0;

    public async Task<(ITargetSession? Session, string? Problem)> PrepareAsync(Target target, Func<string, Task> showSignIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        MsalTokenProvider? tokens = null;
        if (TargetConnection.SignsIn(target, settings))
        {
            var (prepared, problem) = await LiveSignIn.PrepareAsync(settings, showSignIn);
            if (problem is not null)
            {
                return (null, problem);
            }

            tokens = prepared;
        }

        return (new Session(TargetConnection.Resolve(target, settings), settings, tokens), null);
    }

    private sealed class Session(Target target, PartnerCenterSettings settings, MsalTokenProvider? tokens) : ITargetSession
    {
        private TargetConnection? _connection;

        public Target Target => target;

        public async Task<string?> SignInAsync(CancellationToken cancellationToken) =>
            tokens is null ? null : await LiveSignIn.SignInAsync(tokens, cancellationToken);

        public async Task<PartnerCenterClient> ConnectAsync(string journalPath, CancellationToken cancellationToken)
        {
            _connection = await TargetConnection.OpenAsync(target, journalPath, settings, tokens, cancellationToken);
            return _connection.Client;
        }

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null)
            {
                // The connection owns the tokens once it is open.
                await _connection.DisposeAsync();
            }
            else
            {
                tokens?.Dispose();
            }
        }
    }
}
