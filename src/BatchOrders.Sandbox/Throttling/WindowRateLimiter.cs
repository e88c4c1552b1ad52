namespace BatchOrders.Sandbox.Throttling;

/// <summary>
/// A sliding 60-second window per key (a partner, or a partner and a customer), on the sandbox's
/// <see cref="TimeProvider"/> (System.Threading.RateLimiting limiters read the system clock, which tests cannot drive).
/// A request is admitted when fewer than the limit were admitted in the last minute; <c>Retry-After</c> is when the
/// oldest of those leaves the window, so it is truthful. Refused requests do not count, or a client that keeps
/// knocking would never get in. One limiter per operation family. Not thread-safe: used under the fault plan's lock.
/// </summary>
internal sealed class WindowRateLimiter(int permitsPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Queue<DateTimeOffset>> _admitted = new(StringComparer.Ordinal);

    public bool TryAcquire(string key, DateTimeOffset now, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (permitsPerMinute == 0)
        {
            return true;
        }

        if (!_admitted.TryGetValue(key, out var window))
        {
            window = new Queue<DateTimeOffset>();
            _admitted[key] = window;
        }

        while (window.Count > 0 && window.Peek() <= now - Window)
        {
            window.Dequeue();
        }

        if (window.Count >= permitsPerMinute)
        {
            retryAfter = window.Peek() + Window - now;
            return false;
        }

        window.Enqueue(now);
        return true;
    }
}
