namespace BatchOrders.Submission;

/// <summary>
/// The gate every request of one operation family passes (<see cref="ThrottleGates"/> keeps one per family, and per
/// customer where the service keys so), shared by all workers, first come first served. A request leaves when three
/// things allow it, each with one owner: the 429 pause (here: every worker waits out a Retry-After, longer —
/// exponentially — when the service throttles again right after a pause), the pace (<see cref="RequestPace"/>: the
/// ceiling learned from 429s or set by --max-rate) and the number in flight (<see cref="ConcurrencyLimit"/>: fixed,
/// or adapting to the pace and the latency measured here). Each request holds a <see cref="Lease"/> that is told how
/// it was answered; a cart order's steps are each a request with a lease of their own.
/// </summary>
internal sealed class ThrottleGate : IDisposable
{
    private static readonly TimeSpan NoAnswerRecheck = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly SubmissionOptions _options;
    private readonly Lock _lock = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly RequestPace _pace;
    private readonly ConcurrencyLimit _limit;
    private readonly ITimer _timer;
    private int _throttlesInARow;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    // When the last 429 that counted was seen: requests sent before it are part of its burst.
    private DateTimeOffset _throttledAt = DateTimeOffset.MinValue;
    private DateTimeOffset _timerDueAt = DateTimeOffset.MaxValue;
    private bool _disposed;

    public ThrottleGate(SubmissionOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _pace = new RequestPace(options.MaxRatePerMinute);
        _limit = new ConcurrencyLimit(options.Concurrency, options.MaxInFlight);
        _timer = time.CreateTimer(static state => ((ThrottleGate)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// The requests allowed in flight grew (raised outside the gate's lock). Whoever holds work back by the limit lets
    /// more come: before the first answer, no request ends to tell it so.
    /// </summary>
    public event Action? LimitRaised;

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
                return _limit.Limit;
            }
        }
    }

    /// <summary>Where the gate stands, for the progress display.</summary>
    public GateSnapshot Snapshot()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return new GateSnapshot(_limit.InFlight, _limit.Limit, _pace.SentInLastMinute(now), _pace.LearnedCeiling, _options.MaxRatePerMinute, _limit.Latency);
        }
    }

    /// <summary>Waits for a pause to end, the pace and a free slot, in turn; tell the lease how the request was answered and dispose it.</summary>
    public ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            if (_waiters.Count == 0 && ReadyAt(now) <= now && _limit.HasRoom)
            {
                return ValueTask.FromResult(Admit(now));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new Waiter();
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.Register(static (state, token) => ((Waiter)state!).Completion.TrySetCanceled(token), waiter);
        }

        lock (_lock)
        {
            if (_disposed)
            {
                waiter.Completion.TrySetCanceled(CancellationToken.None);
            }

            _waiters.Enqueue(waiter);
        }

        Pump();
        return new ValueTask<Lease>(waiter.Completion.Task);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var waiter in _waiters)
            {
                waiter.Completion.TrySetCanceled();
            }

            _waiters.Clear();
        }

        _timer.Dispose();
    }

    /// <summary>Lets waiting requests go, first come first served, as far as the pause, the pace and the slots allow.</summary>
    private void Pump()
    {
        int before;
        int after;
        lock (_lock)
        {
            before = _limit.Limit;
            PumpLocked();
            after = _limit.Limit;
        }

        RaiseIfGrew(before, after);
    }

    private void PumpLocked()
    {
        var now = _time.GetUtcNow();
        while (_waiters.TryPeek(out var head))
        {
            if (head.Completion.Task.IsCompleted)
            {
                _waiters.Dequeue().Registration.Dispose();
                continue;
            }

            var readyAt = ReadyAt(now);
            if (readyAt > now)
            {
                Wake(readyAt, now);
                return;
            }

            if (!_limit.HasRoom && !RoomBeforeFirstAnswer(now))
            {
                // A lease's end pumps again.
                return;
            }

            _waiters.Dequeue();
            var lease = Admit(now);
            if (!head.Completion.TrySetResult(lease))
            {
                // Cancelled at this very moment: the slot is freed; the pace counts the send, which errs on the safe side.
                _limit.Release();
            }

            head.Registration.Dispose();
        }
    }

    // A timer may fire a little before the moment it was set for (its due time is counted in whole milliseconds,
    // and on another clock than the wall clock): the gate is then not ready yet. So firing forgets the due time, and
    // the pump that finds the gate not ready sets the timer again; else the wake-up was lost and waiting requests
    // stood still until a lease ended or an attempt timed out (a minute without requests, at a low pace).
    private void OnTimer()
    {
        lock (_lock)
        {
            _timerDueAt = DateTimeOffset.MaxValue;
        }

        Pump();
    }

    private void Wake(DateTimeOffset at, DateTimeOffset now)
    {
        if (at < _timerDueAt)
        {
            _timerDueAt = at;
            _timer.Change(TimeSpan.FromMilliseconds(Math.Ceiling((at - now).TotalMilliseconds)), Timeout.InfiniteTimeSpan);
        }
    }

    // Until the first answer the latency is unknown, but it is at least the age of the first request, still unanswered:
    // the limit grows with what the ramp needs at that latency (else 8 s round trips held the first 8 s to 8 requests
    // and crowded the first window's requests into the seconds after the first answers). Looked at again shortly.
    private bool RoomBeforeFirstAnswer(DateTimeOffset now)
    {
        if (_pace.FirstSentAt is not { } first || _pace.RampPerMinute(now) is not { } ramp || !_limit.NoAnswerYet(now - first, ramp))
        {
            return false;
        }

        Wake(now + NoAnswerRecheck, now);
        return _limit.HasRoom;
    }

    private DateTimeOffset ReadyAt(DateTimeOffset now)
    {
        var paced = _pace.NextSendAt(now);
        return _pausedUntil > paced ? _pausedUntil : paced;
    }

    private Lease Admit(DateTimeOffset now)
    {
        _limit.Acquire();
        return new Lease(this, _pace.Sent(now));
    }

    private void Answered(RequestPace.Send send)
    {
        int before;
        int after;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            _throttlesInARow = 0;

            // Bound by the limit: requests wait that only a free slot would let go.
            var bound = _waiters.Count > 0 && _limit.InFlight >= _limit.Limit && ReadyAt(now) <= now;
            before = _limit.Limit;
            _limit.Answered(now - send.At, bound, _pace.PerMinute, _pace.RampPerMinute(now));
            after = _limit.Limit;
        }

        RaiseIfGrew(before, after);
    }

    private void RaiseIfGrew(int before, int after)
    {
        if (after > before)
        {
            LimitRaised?.Invoke();
        }
    }

    /// <summary>
    /// The service throttled (429) a request: pause everyone, and let the pace learn the ceiling. The other requests
    /// already in flight when the first 429 came back are throttled too; their 429s belong to the same burst and may
    /// lengthen the pause to their own Retry-After, but neither back off further nor teach the pace a new ceiling (else
    /// one burst of 30 in flight paused the batch for many minutes); each only takes itself out of the ceiling its burst
    /// taught, having been counted as accepted there.
    /// </summary>
    private void Throttled(RequestPace.Send send, TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var wait = retryAfter ?? _options.DefaultThrottleWait;
            // Sent after the last counted 429 came back: a new burst. Sent at that very instant or before: the same one.
            var newBurst = send.At > _throttledAt;
            if (newBurst)
            {
                // Throttled again straight after a pause: back off exponentially, as Partner Center asks.
                if (_pausedUntil >= now - TimeSpan.FromSeconds(1) || _throttlesInARow > 0)
                {
                    wait = TimeSpan.FromTicks(wait.Ticks * (1L << Math.Min(_throttlesInARow, 4)));
                }

                _throttlesInARow++;
                _throttledAt = now;
                _limit.Throttled();
            }

            _pace.Throttled(send, newBurst, retryAfter, now);
            wait = wait > _options.MaxThrottleWait ? _options.MaxThrottleWait : wait;
            if (now + wait > _pausedUntil)
            {
                _pausedUntil = now + wait;
            }
        }
    }

    private void Leave(bool answered)
    {
        lock (_lock)
        {
            _limit.Release();
            if (!answered)
            {
                _limit.Unanswered();
            }
        }

        Pump();
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<Lease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    /// <summary>One request's place at the gate: say how it was answered, and dispose it when it is done.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly ThrottleGate _gate;
        private readonly RequestPace.Send _send;
        private int _answered;
        private int _disposed;

        internal Lease(ThrottleGate gate, RequestPace.Send send)
        {
            _gate = gate;
            _send = send;
        }

        /// <summary>When the request left the gate.</summary>
        internal DateTimeOffset SentAt => _send.At;

        /// <summary>The service throttled the request (429), with its Retry-After if it gave one.</summary>
        public void Throttled(TimeSpan? retryAfter)
        {
            Interlocked.Exchange(ref _answered, 1);
            _gate.Throttled(_send, retryAfter);
        }

        /// <summary>The request got an answer that was not a 429; its latency is measured from when it left the gate.</summary>
        public void Answered()
        {
            if (Interlocked.Exchange(ref _answered, 1) == 0)
            {
                _gate.Answered(_send);
            }
        }

        /// <summary>
        /// The answer says nothing about this gate's window (a 429 of the customer's window, for a family keyed by
        /// customer): the place is freed as answered, and neither the latency nor the pace learns from it.
        /// </summary>
        public void Uncounted() => Interlocked.Exchange(ref _answered, 1);

        /// <summary>Frees the place; a request that was never answered (time-out, dropped connection) counts as lost.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _gate.Leave(Volatile.Read(ref _answered) == 1);
            }
        }
    }
}
