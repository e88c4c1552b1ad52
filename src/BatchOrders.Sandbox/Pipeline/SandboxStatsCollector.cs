using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace BatchOrders.Sandbox.Pipeline;

/// <summary>Thread-safe counters behind <see cref="SandboxStats"/>.</summary>
internal sealed class SandboxStatsCollector
{
    public const string Aborted = "aborted";

    /// <summary>Key in <see cref="SandboxStats.FaultsInjected"/> of order groups refused by the seeded rate.</summary>
    public const string OrderGroupRefused = "orderGroupRefused";

    private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _faults = new(StringComparer.Ordinal);
    private long _total;
    private long _throttled;
    private long _storms;
    private long _replays;
    private long _created;
    private long _patched;
    private long _carts;
    private long _checkouts;
    private readonly long[] _familyRequests = new long[Enum.GetValues<ThrottleFamily>().Length];
    private readonly long[] _familyThrottled = new long[Enum.GetValues<ThrottleFamily>().Length];

    public void Record(ThrottleFamily family, int? statusCode, FaultDecision? decision, SandboxAnswer? answer)
    {
        Interlocked.Increment(ref _total);
        Interlocked.Increment(ref _familyRequests[(int)family]);
        if (decision?.Fault is FaultKind.RateLimited or FaultKind.Storm)
        {
            Interlocked.Increment(ref _familyThrottled[(int)family]);
        }

        var outcome = statusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : Aborted;
        _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        switch (decision?.Fault)
        {
            case FaultKind.RateLimited:
                Interlocked.Increment(ref _throttled);
                break;
            case FaultKind.Storm:
                Interlocked.Increment(ref _throttled);
                Interlocked.Increment(ref _storms);
                break;
            case FaultKind.None or null:
                break;
            case { } fault:
                _faults.AddOrUpdate(JsonNamingPolicy.CamelCase.ConvertName(fault.ToString()), 1, (_, n) => n + 1);
                break;
        }

        if (decision?.Latency > TimeSpan.Zero)
        {
            _faults.AddOrUpdate("latency", 1, (_, n) => n + 1);
        }

        if (answer?.Replayed == true)
        {
            Interlocked.Increment(ref _replays);
        }

        switch (answer?.Committed?.Kind)
        {
            case LedgerOrder.CreateKind:
                Interlocked.Increment(ref _created);
                break;
            case LedgerOrder.PatchKind:
                Interlocked.Increment(ref _patched);
                break;
        }

        switch (answer?.CartCommitted)
        {
            case { CheckedOut: false }:
                Interlocked.Increment(ref _carts);
                break;
            case { CheckedOut: true } checkout:
                Interlocked.Increment(ref _checkouts);
                Interlocked.Add(ref _created, checkout.OrdersCreated);
                if (checkout.SeededRefusals > 0)
                {
                    _faults.AddOrUpdate(OrderGroupRefused, checkout.SeededRefusals, (_, n) => n + checkout.SeededRefusals);
                }

                break;
        }
    }

    /// <summary>Counts a request recorded with <paramref name="statusCode"/> whose answer could not be written as aborted.</summary>
    public void Unanswered(int statusCode)
    {
        var outcome = statusCode.ToString(CultureInfo.InvariantCulture);
        if (_outcomes.AddOrUpdate(outcome, 0, (_, n) => n - 1) == 0)
        {
            _outcomes.TryRemove(KeyValuePair.Create(outcome, 0L));
        }

        _outcomes.AddOrUpdate(Aborted, 1, (_, n) => n + 1);
    }

    public SandboxStats Snapshot() => new(
        Interlocked.Read(ref _total),
        new SortedDictionary<string, long>(_outcomes, StringComparer.Ordinal),
        Interlocked.Read(ref _throttled),
        Interlocked.Read(ref _storms),
        new SortedDictionary<string, long>(_faults, StringComparer.Ordinal),
        Interlocked.Read(ref _replays),
        Interlocked.Read(ref _created),
        Interlocked.Read(ref _patched),
        Interlocked.Read(ref _carts),
        Interlocked.Read(ref _checkouts),
        new SortedDictionary<string, FamilyStats>(
            Enum.GetValues<ThrottleFamily>().ToDictionary(
                f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()),
                f => new FamilyStats(Interlocked.Read(ref _familyRequests[(int)f]), Interlocked.Read(ref _familyThrottled[(int)f]))),
            StringComparer.Ordinal));
}
