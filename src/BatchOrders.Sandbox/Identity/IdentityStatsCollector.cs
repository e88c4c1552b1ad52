using System.Collections.Concurrent;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// Counts what the identity provider did, and remembers every secret value that crossed it (tokens and device codes
/// it issued, client assertions and secrets it was shown) so a test can prove none of them leaked into a client's
/// output. The remembered values stay in memory, are never written or served, and are capped.
/// </summary>
internal sealed class IdentityStatsCollector
{
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentQueue<string> _secrets = new();
    private int _clientSecretTokens;
    private int _clientAssertionTokens;
    private int _deviceCodeTokens;
    private int _refreshTokenTokens;
    private int _signInsRefused;
    private int _deviceCodesIssued;
    private int _deviceCodePolls;
    private int _apiTokensRefused;

    public void ClientSecretToken() => Interlocked.Increment(ref _clientSecretTokens);

    public void ClientAssertionToken() => Interlocked.Increment(ref _clientAssertionTokens);

    public void DeviceCodeToken() => Interlocked.Increment(ref _deviceCodeTokens);

    public void RefreshTokenToken() => Interlocked.Increment(ref _refreshTokenTokens);

    public void SignInRefused() => Interlocked.Increment(ref _signInsRefused);

    public void DeviceCodeIssued() => Interlocked.Increment(ref _deviceCodesIssued);

    public void DeviceCodePolled() => Interlocked.Increment(ref _deviceCodePolls);

    public void ApiTokenRefused() => Interlocked.Increment(ref _apiTokensRefused);

    public void Remember(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && _secrets.Count < MaxRemembered)
        {
            _secrets.Enqueue(secret);
        }
    }

    public IReadOnlyList<string> Secrets() => [.. _secrets];

    public IdentityStats Snapshot() => new(
        Volatile.Read(ref _clientSecretTokens),
        Volatile.Read(ref _clientAssertionTokens),
        Volatile.Read(ref _deviceCodeTokens),
        Volatile.Read(ref _refreshTokenTokens),
        Volatile.Read(ref _signInsRefused),
        Volatile.Read(ref _deviceCodesIssued),
        Volatile.Read(ref _deviceCodePolls),
        Volatile.Read(ref _apiTokensRefused));
}
