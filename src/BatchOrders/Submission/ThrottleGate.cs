using System.Threading.RateLimiting;

namespace BatchOrders.Submission;

/// <summary>
/// The one gate every request passes, shared by all workers. A 429 pauses every worker until its Retry-After
/// (longer, exponentially, when the service throttles again right after a pause), halves how many requests may be
/// in flight, and sets the pace to just under the rate the service accepted before it throttled; successes then
/// ramp concurrency back up. An optional client-side ceiling (--max-rate) caps requests per minute.
/// </summary>
internal sealed class ThrottleGate : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const double PaceMargin = 0.97;

    private readonly TimeProvider _time;
    private readonly SubmissionOptions _options;
    private readonly RateLimiter? _ceiling;
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _recentSends = new();
    private readonly SemaphoreSlim _slotFreed = new(0, int.MaxValue);
    private int _limit;
    private int _inFlight;
    private int _successesSinceChange;
    private int _throttlesInARow;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    // When the last 429 that counted was seen: requests sent before it are part of its burst.
    private DateTimeOffset _throttledAt = DateTimeOffset.MinValue;
    private DateTimeOffset _nextSendAt = DateTimeOffset.MinValue;
    private DateTimeOffset _firstSendAt = DateTimeOffset.MinValue;
    private DateTimeOffset _paceChangedAt = DateTimeOffset.MinValue;
    private TimeSpan? _paceInterval;

    public ThrottleGate(SubmissionOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _limit = options.Concurrency;
        if (options.MaxRatePerMinute is { } perMinute)
        {
            _ceiling = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perMinute / 60),
                TokensPerPeriod = Math.Max(1, perMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, perMinute / 60) * 60.0 / perMinute),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>When throttled: the moment sending resumes; null when not paused.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            lock (_lock)
            {
                return _pausedUntil > _time.GetUtcNow() ? _pausedUntil : null;
            }
        }
    }

    /// <summary>Requests allowed in flight now.</summary>
    public int CurrentLimit
    {
        get
        {
            lock (_lock)
            {
                return _limit;
            }
        }
    }

    /// <summary>Waits for a pause to end, a free slot, the pace and the ceiling; dispose the lease when the request is answered.</summary>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset enteredAt;
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                var ready = _pausedUntil > _nextSendAt ? _pausedUntil : _nextSendAt;
                wait = ready - now;
                if (wait <= TimeSpan.Zero && _inFlight < _limit)
                {
                    _inFlight++;
                    RelaxPace(now);
                    _nextSendAt = _paceInterval is { } interval ? now + interval : now;
                    _firstSendAt = _firstSendAt == DateTimeOffset.MinValue ? now : _firstSendAt;
                    _recentSends.Enqueue(now);
                    enteredAt = now;
                    break;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            else
            {
                // Every slot is taken: wait for one to be freed, looking again now and then for a limit raised meanwhile.
                await _slotFreed.WaitAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }

        if (_ceiling is not null)
        {
            using var permit = await _ceiling.AcquireAsync(1, cancellationToken);
        }

        return new Lease(this, enteredAt);
    }

    /// <summary>
    /// The service throttled (429) a request sent at <paramref name="sentAt"/>: pause everyone, fewer in flight, and
    /// pace under the rate it took. The other requests already in flight when the first 429 came back are throttled
    /// too; their 429s belong to the same burst and may lengthen the pause to their own Retry-After, but neither back
    /// off further nor halve the concurrency again (else one burst at concurrency 4 paused the batch for 4 minutes).
    /// </summary>
    public void OnThrottled(TimeSpan? retryAfter, DateTimeOffset sentAt)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var wait = retryAfter ?? _options.DefaultThrottleWait;
            if (sentAt >= _throttledAt)
            {
                // Throttled again straight after a pause: back off exponentially, as Partner Center asks.
                if (_pausedUntil >= now - TimeSpan.FromSeconds(1) || _throttlesInARow > 0)
                {
                    wait = TimeSpan.FromTicks(wait.Ticks * (1L << Math.Min(_throttlesInARow, 4)));
                }

                _throttlesInARow++;
                _throttledAt = now;
                _limit = Math.Max(1, _limit / 2);
                _successesSinceChange = 0;

                // After a full minute of sending, what the service accepted in that minute is the best guess at its
                // per-minute ceiling: keep just under it. Sooner than that (a burst, a storm) says nothing about the ceiling.
                Trim(now);
                if (_firstSendAt != DateTimeOffset.MinValue && now - _firstSendAt >= Window)
                {
                    var accepted = Math.Max(1, _recentSends.Count - 1);
                    var interval = TimeSpan.FromTicks((long)(Window.Ticks / (accepted * PaceMargin)));
                    _paceInterval = _paceInterval is { } current && current > interval ? current : interval;
                    _paceChangedAt = now;
                }
            }

            wait = wait > _options.MaxThrottleWait ? _options.MaxThrottleWait : wait;
            if (now + wait > _pausedUntil)
            {
                _pausedUntil = now + wait;
            }
        }
    }

    /// <summary>An answer that was not a 429: ramps concurrency back up, one step per full round of successes.</summary>
    public void OnAnswered()
    {
        lock (_lock)
        {
            _throttlesInARow = 0;
            if (++_successesSinceChange >= _limit * 4 && _limit < _options.Concurrency)
            {
                _limit++;
                _successesSinceChange = 0;
            }
        }
    }

    public void Dispose()
    {
        _ceiling?.Dispose();
        _slotFreed.Dispose();
    }

    /// <summary>Limits are adjusted dynamically: a quiet minute at the learned pace earns a 5% faster one.</summary>
    private void RelaxPace(DateTimeOffset now)
    {
        if (_paceInterval is { } interval && now - _paceChangedAt >= Window && now - _pausedUntil >= Window)
        {
            _paceInterval = interval.Ticks * 0.95 < TimeSpan.TicksPerMillisecond ? null : TimeSpan.FromTicks((long)(interval.Ticks * 0.95));
            _paceChangedAt = now;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_recentSends.Count > 0 && _recentSends.Peek() < now - Window)
        {
            _recentSends.Dequeue();
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            _inFlight--;
            Trim(_time.GetUtcNow());
        }

        _slotFreed.Release();
    }

    /// <summary>One request's place at the gate: say how it was answered, and dispose it when it is done.</summary>
    public sealed class Lease(ThrottleGate gate, DateTimeOffset enteredAt) : IDisposable
    {
        private int _disposed;

        /// <summary>The service throttled the request (429), with its Retry-After if it gave one.</summary>
        public void Throttled(TimeSpan? retryAfter) => gate.OnThrottled(retryAfter, enteredAt);

        /// <summary>The request got an answer that was not a 429.</summary>
        public void Answered() => gate.OnAnswered();

        /// <summary>Frees the place.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
