namespace BatchOrders.Submission;

/// <summary>
/// How many orders the workers may have under way: as many as the gate lets requests be in flight, and a few more so
/// that a freed slot always finds a request waiting (which is also how the gate sees that its limit is what holds the
/// batch back). Orders are marked Sending before their first request, so orders waiting at the gate stay few: a
/// crash leaves only those in flight without a definitive answer.
/// </summary>
internal sealed class OrderSlots(Func<int> capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private int _taken;

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
            if (_waiters.Count == 0 && _taken < capacity())
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
            var room = capacity();
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
