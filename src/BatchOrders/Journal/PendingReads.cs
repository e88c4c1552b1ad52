namespace BatchOrders.Journal;

/// <summary>
/// Reads on their way into the journal (<see cref="KeptReads"/>), written a batch at a time: once <see cref="BatchSize"/>
/// are waiting or the oldest has waited <see cref="MaxWait"/> (looked at as each read arrives), and whatever is left
/// at <see cref="Flush"/>. A commit per read — each waiting for the disk under the journal's one lock, beside the
/// orders' own two — held up the answers of requests in flight: with 1,200 customers at 2 s latency the read gate
/// heard of the service's first 429 late and sent some 60 more reads into the full window, then waited out the
/// window those had filled while the orders waited for their reads. A read not yet written when the run is killed is
/// only read again by the rerun (docs/ARCHITECTURE.md, "Reads kept for a rerun").
/// </summary>
internal sealed class PendingReads(BatchJournal journal, TimeProvider time)
{
    /// <summary>Reads waiting that make a batch.</summary>
    public const int BatchSize = 64;

    /// <summary>How long a read may wait for its batch.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private List<KeptRead> _waiting = [];
    private DateTimeOffset _oldestSince;

    /// <summary>Reads not yet written.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Adds a read; writes the batch it completes, if it does.</summary>
    public void Add(KeptRead read)
    {
        List<KeptRead>? due = null;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_waiting.Count == 0)
            {
                _oldestSince = now;
            }

            _waiting.Add(read);
            if (_waiting.Count >= BatchSize || now - _oldestSince >= MaxWait)
            {
                due = Take();
            }
        }

        Write(due);
    }

    /// <summary>Writes every read still waiting.</summary>
    public void Flush()
    {
        List<KeptRead> due;
        lock (_lock)
        {
            due = Take();
        }

        Write(due);
    }

    private List<KeptRead> Take()
    {
        var taken = _waiting;
        _waiting = [];
        return taken;
    }

    private void Write(List<KeptRead>? due)
    {
        if (due is { Count: > 0 })
        {
            journal.RecordReads(due);
        }
    }
}
