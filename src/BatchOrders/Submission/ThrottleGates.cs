namespace BatchOrders.Submission;

/// <summary>
/// The throttle gates of one run: one <see cref="ThrottleGate"/> per <see cref="OperationFamily"/>, as Partner Center
/// throttles each family on a window of its own (docs/ARCHITECTURE.md, "Throughput"). Each gate learns its own
/// ceiling, and a 429 pauses only its own family: a read's 429 never pauses or slows the orders. For a family the
/// service keys by partner + customer (<see cref="SubmissionOptions.KeyedByCustomer"/>) every customer has a gate of
/// its own too, which takes that customer's 429s (pause and pace), while the family's gate keeps the number in flight
/// for all of them. Everything a run sends — the repeat check, a preflight's reads, the orders — passes the same set,
/// so each gate counts what the service's window counts. Gates are made on first use and live as long as the set.
/// </summary>
public sealed class ThrottleGates : IDisposable
{
    private readonly SubmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<OperationFamily, ThrottleGate> _families = [];
    private readonly Dictionary<string, ThrottleGate> _customers = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>A new set for one run, with the run's submission options (caps, keys, concurrency) and clock.</summary>
    public ThrottleGates(SubmissionOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The requests allowed in flight grew in one of the gates (raised outside any gate's lock).</summary>
    internal event Action? LimitRaised;

    /// <summary>Whether the service keys <paramref name="family"/> by partner + customer (a gate per customer), as the options say.</summary>
    public bool IsKeyedByCustomer(OperationFamily family) => _options.KeyedByCustomer.Contains(family);

    /// <summary>
    /// Waits until a request of <paramref name="family"/> for <paramref name="customerId"/> (null: a request of no
    /// customer, such as the catalog's) may leave: past its customer's gate when the family is keyed by customer, then
    /// its family's. Tell the lease how the request was answered and dispose it.
    /// </summary>
    internal async ValueTask<GateLease> EnterAsync(OperationFamily family, string? customerId, CancellationToken cancellationToken)
    {
        // The customer's pause and pace first: waiting them out holds no place among the family's requests in flight.
        var customerLease = CustomerGate(family, customerId) is { } customerGate ? await customerGate.EnterAsync(cancellationToken) : null;
        try
        {
            return new GateLease(await Gate(family).EnterAsync(cancellationToken), customerLease);
        }
        catch
        {
            customerLease?.Dispose();
            throw;
        }
    }

    /// <summary>The family's gate (made on first use).</summary>
    internal ThrottleGate Gate(OperationFamily family)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_families.TryGetValue(family, out var gate))
            {
                gate = new ThrottleGate(_options with { MaxRatePerMinute = CapOf(family) }, _time);
                gate.LimitRaised += RaiseLimitRaised;
                _families[family] = gate;
            }

            return gate;
        }
    }

    /// <summary>Requests of these families allowed in flight now, added up: what the orders under way are sized by.</summary>
    internal int CurrentLimit(IEnumerable<OperationFamily> families) => families.Sum(f => Gate(f).CurrentLimit);

    /// <summary>Each family's pace, for the families that have had a request.</summary>
    public IReadOnlyList<FamilyPace> Paces()
    {
        List<(OperationFamily Family, ThrottleGate Gate)> gates;
        lock (_lock)
        {
            gates = [.. _families.OrderBy(p => p.Key).Select(p => (p.Key, p.Value))];
        }

        return [.. gates.Select(g => Pace(g.Family, g.Gate))];
    }

    /// <summary>One family's pace (its gate is made if it had none).</summary>
    public FamilyPace Pace(OperationFamily family) => Pace(family, Gate(family));

    /// <summary>Disposes every gate; requests still waiting at one are cancelled.</summary>
    public void Dispose()
    {
        List<ThrottleGate> gates;
        lock (_lock)
        {
            _disposed = true;
            gates = [.. _families.Values, .. _customers.Values];
        }

        foreach (var gate in gates)
        {
            gate.Dispose();
        }
    }

    private static FamilyPace Pace(OperationFamily family, ThrottleGate gate)
    {
        var snapshot = gate.Snapshot();
        return new FamilyPace(family, snapshot.InFlight, snapshot.Limit, snapshot.SentLastMinute,
            snapshot.LearnedCeiling is { } ceiling ? (int)Math.Round(ceiling) : null, snapshot.MaxRate, gate.PausedUntil);
    }

    // --max-rate caps each write family, --max-read-rate the reads: each family's window is its own.
    private int? CapOf(OperationFamily family) => family == OperationFamily.Reads ? _options.MaxReadRatePerMinute : _options.MaxRatePerMinute;

    // A customer's gate only pauses and paces that customer: the cap and the count in flight are the family's.
    private ThrottleGate? CustomerGate(OperationFamily family, string? customerId)
    {
        if (customerId is null || !IsKeyedByCustomer(family))
        {
            return null;
        }

        var key = $"{family}/{customerId.ToLowerInvariant()}";
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_customers.TryGetValue(key, out var gate))
            {
                gate = new ThrottleGate(_options with { MaxRatePerMinute = null }, _time);
                _customers[key] = gate;
            }

            return gate;
        }
    }

    private void RaiseLimitRaised() => LimitRaised?.Invoke();
}
