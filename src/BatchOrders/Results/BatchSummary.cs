using BatchOrders.Journal;

namespace BatchOrders.Results;

/// <summary>
/// A batch at a glance, from its journal alone: target, input, timings, orders and rows per state, customers and
/// the latest errors. The Summary sheet and the status command both show this.
/// </summary>
public sealed record BatchSummary
{
    /// <summary>The batch the journal belongs to.</summary>
    public required JournalBatch Batch { get; init; }

    /// <summary>The journal, as a full path.</summary>
    public required string JournalPath { get; init; }

    /// <summary>Orders per state.</summary>
    public required IReadOnlyDictionary<OrderState, int> Orders { get; init; }

    /// <summary>Input rows per state of their order.</summary>
    public required IReadOnlyDictionary<OrderState, int> Rows { get; init; }

    /// <summary>Each customer's orders and line items per state.</summary>
    public required IReadOnlyList<CustomerSummary> Customers { get; init; }

    /// <summary>Every run, oldest first.</summary>
    public required IReadOnlyList<JournalRun> Runs { get; init; }

    /// <summary>The files that fed the batch, oldest first: more than one when it was resumed from a moved, renamed or re-saved copy.</summary>
    public required IReadOnlyList<JournalInput> Inputs { get; init; }

    /// <summary>The first run's start, or null when nothing was ever run.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The last run's end; null while it runs or when it stopped without recording one.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>First run start to last run end (or the last thing the journal recorded).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The time runs actually took, added up: pauses between a stop and its resume are not counted.</summary>
    public TimeSpan RunningTime { get; init; }

    /// <summary>Orders with a definitive answer (succeeded or failed) per minute of <see cref="RunningTime"/>.</summary>
    public double? OrdersPerMinute { get; init; }

    /// <summary>Orders with an error now, most recent first.</summary>
    public required IReadOnlyList<BatchError> LastErrors { get; init; }

    /// <summary>Orders bought through carts (new commerce), how many of them have a cart, and how many of those were checked out.</summary>
    public required CartCounts Carts { get; init; }

    /// <summary>All orders of the batch.</summary>
    public int TotalOrders => Orders.Values.Sum();

    /// <summary>All input rows of the batch.</summary>
    public int TotalRows => Rows.Values.Sum();

    /// <summary>Reads the summary of a journal; <paramref name="errorLimit"/> caps <see cref="LastErrors"/>.</summary>
    public static BatchSummary From(BatchJournal journal, IReadOnlyList<JournalOrder>? orders = null, int errorLimit = 10)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var batch = journal.GetBatch() ?? throw new InvalidOperationException($"The journal {journal.Path} has no batch yet.");
        orders ??= journal.GetOrders();
        var runs = journal.GetRuns();
        var lastActivity = orders.Count == 0 ? (DateTimeOffset?)null : orders.Max(o => o.UpdatedAt);

        var running = TimeSpan.Zero;
        for (var i = 0; i < runs.Count; i++)
        {
            // A run without an end crashed or is still going: count it up to the last thing it recorded.
            var end = runs[i].EndedAt ?? Latest(lastActivity, runs[i].StartedAt, i + 1 < runs.Count ? runs[i + 1].StartedAt : null);
            if (end > runs[i].StartedAt)
            {
                running += end - runs[i].StartedAt;
            }
        }

        DateTimeOffset? started = runs.Count == 0 ? null : runs[0].StartedAt;
        var ended = runs.Count == 0 ? null : runs[^1].EndedAt;
        var lastMoment = ended ?? (started is null ? null : Latest(lastActivity, started.Value, null));
        var answered = orders.Count(o => o.State is OrderState.Succeeded or OrderState.Failed);

        return new BatchSummary
        {
            Batch = batch,
            JournalPath = Path.GetFullPath(journal.Path),
            Orders = journal.CountByState(),
            Rows = journal.CountRowsByState(),
            Customers = SummarizeCustomers(orders),
            Runs = runs,
            Inputs = journal.GetInputs(),
            Carts = CartCounts.Of(orders),
            StartedAt = started,
            EndedAt = ended,
            Duration = started is null || lastMoment is null ? null : lastMoment.Value - started.Value,
            RunningTime = running,
            OrdersPerMinute = running > TimeSpan.Zero ? answered / running.TotalMinutes : null,
            LastErrors = orders
                .Where(o => o.State is not (OrderState.Succeeded or OrderState.Superseded) && o.ErrorMessage is not null)
                .OrderByDescending(o => o.UpdatedAt)
                .ThenBy(o => o.Sequence)
                .Take(errorLimit)
                .Select(o => new BatchError(o.OrderKey, o.CustomerId, o.State.ToString(), o.UpdatedAt, o.HttpStatus, o.ErrorCode, o.ErrorMessage!))
                .ToList(),
        };
    }

    /// <summary>The command that resumes this batch with the same input, sheet, target and journal.</summary>
    public ResumeCommand ResumeCommand() => Results.ResumeCommand.For(Batch, JournalPath);

    private static DateTimeOffset Latest(DateTimeOffset? activity, DateTimeOffset start, DateTimeOffset? nextStart)
    {
        var end = activity is { } a && a > start ? a : start;
        return nextStart is { } next && end > next ? next : end;
    }

    private static List<CustomerSummary> SummarizeCustomers(IReadOnlyList<JournalOrder> orders) =>
        orders.Where(o => o.State != OrderState.Superseded)
            .GroupBy(o => o.CustomerId, StringComparer.Ordinal)
            .Select(g =>
            {
                var states = Enum.GetValues<OrderState>().ToDictionary(s => s, s => g.Count(o => o.State == s));
                return new CustomerSummary(g.Key, g.Count(), g.Sum(o => o.LineItems.Count), states);
            })
            .ToList();
}
