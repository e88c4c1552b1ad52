using BatchOrders.PartnerCenter;
using BatchOrders.Reading;

namespace BatchOrders.Preflight;

/// <summary>
/// What the preflight finds, as row errors on the column each concerns (named as the file names it), the reads each
/// finding rests on (never reused by a rerun: <see cref="PreflightReads"/>), and the rows it completes.
/// </summary>
internal sealed class Findings(ReadResult read)
{
    private readonly Dictionary<InputColumn, string> _columns = read.Headers
        .Select(h => (Header: h, Info: InputColumns.FindByHeader(h)))
        .Where(h => h.Info is not null)
        .GroupBy(h => h.Info!.Column)
        .ToDictionary(g => g.Key, g => g.First().Header);

    private readonly List<RowError> _errors = [];
    private readonly List<RowError> _warnings = [];
    private readonly Dictionary<RowLocation, string> _offersToSend = [];
    private readonly Dictionary<RowLocation, string> _parentOrders = [];
    private readonly HashSet<string> _readsWithFindings = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyList<RowError> Errors => [.. _errors.OrderBy(e => e.Row ?? 0)];

    public IReadOnlyList<RowError> Warnings => [.. _warnings.OrderBy(e => e.Row ?? 0)];

    public IReadOnlyDictionary<RowLocation, string> OffersToSend => _offersToSend;

    public IReadOnlyDictionary<RowLocation, string> ParentOrders => _parentOrders;

    /// <summary>The keys of the reads some finding rests on.</summary>
    public IReadOnlyCollection<string> ReadsWithFindings
    {
        get
        {
            lock (_lock)
            {
                return [.. _readsWithFindings];
            }
        }
    }

    /// <summary>The first read that got no answer at all: the preflight cannot vouch for the batch.</summary>
    public PartnerCenterError? Failure { get; private set; }

    /// <summary>An error on <paramref name="row"/>'s <paramref name="column"/>, resting on the reads <paramref name="from"/> (their keys; null ones never kept).</summary>
    public void Error(OrderRow row, InputColumn column, string? value, string message, ReadOnlySpan<string?> from) => Add(_errors, row, column, value, message, from);

    /// <summary>A warning on <paramref name="row"/>'s <paramref name="column"/>, resting on the reads <paramref name="from"/>.</summary>
    public void Warning(OrderRow row, InputColumn column, string? value, string message, ReadOnlySpan<string?> from) => Add(_warnings, row, column, value, message, from);

    /// <summary>A warning about the whole file: a check the sign-in could not make.</summary>
    public void FileWarning(string message)
    {
        lock (_lock)
        {
            _warnings.Add(new RowError(read.File, read.Sheet, null, null, null, message));
        }
    }

    public void SendInstead(OrderRow row, string catalogItemId)
    {
        lock (_lock)
        {
            _offersToSend[row.Location] = catalogItemId;
        }
    }

    public void AddToOrder(OrderRow row, string orderId)
    {
        lock (_lock)
        {
            _parentOrders[row.Location] = orderId;
        }
    }

    public void Fail(PartnerCenterError? failure)
    {
        lock (_lock)
        {
            Failure ??= failure;
        }
    }

    private void Add(List<RowError> list, OrderRow row, InputColumn column, string? value, string message, ReadOnlySpan<string?> from)
    {
        lock (_lock)
        {
            foreach (var key in from)
            {
                if (key is not null)
                {
                    _readsWithFindings.Add(key);
                }
            }

            list.Add(new RowError(read.File, row.Location.Sheet, row.Location.Row,
                _columns.GetValueOrDefault(column) ?? InputColumns.Get(column).Name, value, message));
        }
    }
}
