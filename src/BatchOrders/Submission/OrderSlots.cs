namespace BatchOrders.Submission;

/// <summary>
/// How many orders the workers may have under way (or reads the repeat check, with the read gate): a fixed --concurrency, or as many as the gates of the write families
/// the orders use (order writes; carts and checkouts) let requests be in flight, added up, and a few more, so that a freed slot always finds a request waiting (which is also how the gate sees that
/// its limit is what holds the batch back). Orders are marked Sending before their first request, so orders waiting at
/// the gate stay few: a crash leaves only those in flight without a definitive answer. The slots grow the moment the
/// gate's limit does, not when an order ends: before the first answer none ends, and with 8 s round trips the first
/// window's requests were otherwise held to the first limit for 8 s, then crowded into the seconds after.
/// </summary>
internal sealed class OrderSlots : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly ThrottleGates _gates;
    private readonly IReadOnlyCollection<OperationFamily> _families;
    private readonly int? _concurrency;
    private int _taken;

    public OrderSlots(ThrottleGates gates, IReadOnlyCollection<OperationFamily> families, int? concurrency)
    {
        _gates = gates;
        _families = families;
        _concurrency = concurrency;
        _gates.LimitRaised += LetWaitersIn;
    }

    /// <summary>Orders under way.</summary>
    public int Taken
    {
        get
        {
            lock (_lock)
            {
                return _taken;
            }
        }
    }

    /// <summary>Waits for room for one more order; <see cref="Return"/> it when the order is done.</summary>
    public Task TakeAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_waiters.Count == 0 && _taken < Capacity)
            {
                _taken++;
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
            return Waited(waiter, cancellationToken);
        }
    }

    /// <summary>An order is done: its room goes to the next waiting one, or more when the capacity grew meanwhile.</summary>
    public void Return()
    {
        lock (_lock)
        {
            _taken--;
        }

        LetWaitersIn();
    }

    public void Dispose() => _gates.LimitRaised -= LetWaitersIn;

    /// <summary>Orders under way with requests in flight up to <paramref name="requestLimit"/>: the limit and a few waiting.</summary>
    public static int UnderWay(int? concurrency, int requestLimit) => concurrency ?? requestLimit + Math.Max(2, requestLimit / 8);

    private int Capacity => _concurrency ?? _families.Sum(f => UnderWay(null, _gates.CurrentLimit([f])));

    private void LetWaitersIn()
    {
        lock (_lock)
        {
            var room = Capacity;
            while (_taken < room && _waiters.TryDequeue(out var next))
            {
                // A waiter that gave up (the batch is stopping) takes no room.
                if (next.TrySetResult())
                {
                    _taken++;
                }
            }
        }
    }

    private static async Task Waited(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), waiter))
        {
            await waiter.Task;
        }
    }
}
