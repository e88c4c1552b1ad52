using BatchOrders.Journal;
using BatchOrders.PartnerCenter;
using BatchOrders.Preflight;
using BatchOrders.Problems;
using BatchOrders.Reading;
using BatchOrders.Results;
using BatchOrders.Submission;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Runs;

/// <summary>
/// One submission of a checked batch, from its journal to its results files: the library's entry point for a whole
/// run (docs/ARCHITECTURE.md, "A run"). <see cref="Open"/> binds the journal to the input and target;
/// <see cref="ExecuteAsync"/> synchronises the plan (before anything is sent), sends the work — in-flight orders from
/// an earlier run first, then pending ones —, records how the run ended and writes the results workbook and the
/// failed-rows file. A host only maps its settings in and this result out.
/// </summary>
public sealed class BatchRun : IDisposable
{
    private readonly BatchRunOptions _options;
    private BatchInput _input;
    private PreflightResult? _preflight;
    private HashSet<RowLocation> _rowsBought = [];
    private readonly string _inputSha256;
    private readonly JournalLock _lock;

    // One set of gates for everything a run sends (the repeat check's reads, the orders): a gate per operation family,
    // as the service counts each family in a window of its own (docs/ARCHITECTURE.md, "Throughput").
    private ThrottleGates? _ownGates;

    private BatchRun(BatchInput input, Target target, JournalLock journalLock, BatchJournal journal, string inputSha256, BatchRunOptions options)
    {
        _lock = journalLock;
        _input = input;
        _options = options;
        _inputSha256 = inputSha256;
        Target = target;
        Journal = journal;
    }

    /// <summary>The input this run sends: as loaded, or as the preflight completed it (a legacy add-on's order).</summary>
    public BatchInput Input => _input;

    /// <summary>What the preflight found, once it ran.</summary>
    public PreflightResult? Preflight => _preflight;

    /// <summary>The journal this run records in.</summary>
    public BatchJournal Journal { get; }

    /// <summary>Where this run sends.</summary>
    public Target Target { get; }

    /// <summary>
    /// When the batch is resumed from a copy of its file (moved, renamed, or saved in another format): the file
    /// it was last read from. Null when the journal is new or the file is the same.
    /// </summary>
    public string? ResumedFrom { get; private init; }

    /// <summary>
    /// Opens the batch's journal and binds it to the input and the target, or says why it cannot be used (another
    /// input's journal, live vs rehearsal, a newer version's, not a journal). Nothing is sent yet.
    /// </summary>
    public static ProblemOr<BatchRun> Open(BatchInput input, Target target, BatchRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (!input.IsValid)
        {
            throw new ArgumentException("Only a valid input can be sent; check BatchInput.IsValid first.", nameof(input));
        }

        options ??= new BatchRunOptions();
        OptionsValidator.ThrowIfInvalid(options.Submission);
        var path = Path.GetFullPath(options.JournalPath ?? BatchJournal.DefaultPath(input.Read.File));

        // Held before the journal is even opened (migrated): a second run on it stops here, having read nothing.
        var (journalLock, lockProblem) = JournalLock.Acquire(path, options.Command, options.Time);
        if (journalLock is null)
        {
            return lockProblem!;
        }

        var (journal, problem) = BatchJournal.Open(path, options.Time);
        if (journal is null)
        {
            journalLock.Dispose();
            return problem!;
        }

        var sha = InputHash.Compute(input.Read.File);
        var before = journal.GetBatch();
        if (journal.Bind(input.Read.File, sha, input.Read.Sheet, input.Read.Headers, target, [.. input.Plan!.Orders.Select(o => o.OrderKey)]) is { } bindProblem)
        {
            journal.Dispose();
            journalLock.Dispose();
            return bindProblem;
        }

        var copyOf = before is not null && !string.Equals(before.InputName, Path.GetFileName(input.Read.File), StringComparison.OrdinalIgnoreCase) ? before.InputPath : null;
        return new BatchRun(input, target, journalLock, journal, sha, options) { ResumedFrom = copyOf };
    }

    /// <summary>Sends the batch and writes its results files: <see cref="SendAsync"/>, then <see cref="WriteResults"/>.</summary>
    public async Task<BatchRunResult> ExecuteAsync(PartnerCenterClient client, IProgress<SubmissionProgress>? progress, CancellationToken stop, ILogger? logger = null) =>
        Finish(await SendAsync(client, progress, stop, logger));

    /// <summary>Writes the results workbook and the failed-rows file of a run that <see cref="SendAsync"/> ended with <paramref name="outcome"/>.</summary>
    public BatchRunResult Finish(BatchRunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var (workbook, failedRows) = WriteResults();
        return new BatchRunResult(outcome, workbook, failedRows, ResumeCommand.For(Journal.GetBatch()!, Journal.Path));
    }

    /// <summary>
    /// Sends the batch through <paramref name="client"/> and records how the run ended. <paramref name="stop"/>
    /// (Ctrl+C) stops taking new orders; requests in flight finish or time out and their state is committed. The
    /// journal is left ready for a rerun.
    /// </summary>
    public async Task<BatchRunOutcome> SendAsync(PartnerCenterClient client, IProgress<SubmissionProgress>? progress, CancellationToken stop, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var runId = Journal.StartRun(_inputSha256, Target);
        using var stopReads = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var repeats = _options.CheckRepeats ? NewRepeatCheck(client, stopReads.Token) : null;
        var submitter = new BatchSubmitter(Journal, client, Gates, _options.Submission, _options.Time, _options.Random, logger, repeats);
        var plan = _input.Plan!;
        var sync = Synchronize(plan);
        var work = Journal.GetWork();

        // The reads run ahead of the orders, on their own gate: an order waits only for its own customer's read.
        var readAhead = repeats?.ReadAheadAsync([.. work.Where(o => o.State == OrderState.Pending)], stopReads.Token) ?? Task.CompletedTask;
        var sent = await submitter.SubmitAsync(work, progress, stop);
        var stoppedByCheck = repeats is not null && (repeats.Repeats.Count > 0 || repeats.Failure is not null);

        // A new version of an order waited for its in-flight one; now that has an answer, the new one is sent or is a conflict.
        if (sync.Held > 0 && !stop.IsCancellationRequested && sent.AuthenticationFailure is null && !stoppedByCheck)
        {
            sync = Synchronize(plan);
            var released = Journal.GetWork().Where(o => o.State == OrderState.Pending).ToList();
            if (released.Count > 0)
            {
                sent = sent.Add(await submitter.SubmitAsync(released, progress, stop));
            }
        }

        var (repeated, readFailure) = repeats is null
            ? ([], null)
            : await FinishRepeatCheckAsync(repeats, readAhead, sent, stopReads, stop);
        var states = Journal.CountByState();
        var status = StatusOf(sent, states, repeated.Count, readFailure);
        Journal.EndRun(runId, (int)status);
        return new BatchRunOutcome(sync, sent, states, status) { Repeats = repeated, RepeatCheckFailure = readFailure };
    }

    /// <summary>
    /// The repeat check (docs/ARCHITECTURE.md, "Guards"), every order before any is sent: journals the plan (nothing
    /// is sent), then reads back the orders of every customer with an order to send and lists the planned orders that
    /// repeat a recent order this journal did not place.
    /// </summary>
    public async Task<RepeatCheckResult> FindRepeatsAsync(PartnerCenterClient client, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(client);
        Synchronize(_input.Plan!);
        var toSend = Journal.GetWork().Where(o => o.State == OrderState.Pending).ToList();
        return toSend.Count == 0
            ? new RepeatCheckResult([], null)
            : await NewRepeatCheck(client, stop).FindAsync(toSend, stop);
    }

    /// <summary>
    /// The preflight (docs/ARCHITECTURE.md, "Preflight"): every row checked against Partner Center's data, read-only,
    /// through the run's reads; nothing is journaled or sent. Rows it completes are sent completed: a legacy add-on in
    /// its parent's order (the input is planned again), a stale or missing availability as today's. Rows of orders an
    /// earlier run bought are not checked: they are never sent again (a rerun after a crash reads only what remains).
    /// Its reads are kept in the journal, and a rerun within <see cref="SubmissionOptions.ReadsReusedFor"/> reuses
    /// those that found nothing wrong.
    /// </summary>
    public async Task<PreflightResult> PreflightAsync(PartnerCenterClient client, PreflightOptions options, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var attempts = new ReadAttempts(client, Gates, _options.Submission, _options.Time, Guid.NewGuid(), stop);
        // Customers are read side by side well beyond the requests the gate lets out at once: a customer waiting out
        // a retry's back-off (seconds) must not hold the gate idle; the gate alone bounds what is in flight.
        var kept = new KeptReads(Journal, _options.Submission.ReadsReusedFor, _options.Time);
        var check = new PreflightCheck(new PreflightReads(attempts, kept, _options.Time), options, Math.Min(_options.Submission.MaxInFlight, 256));
        _rowsBought = RowsBought();
        var result = await check.RunAsync(_input, _rowsBought, Journal.GetPartnerOrderIds, stop);
        if (result.Failure is null && result.ParentOrders.Count > 0)
        {
            _input = _input.WithParentOrders(result.ParentOrders);
        }

        _preflight = result;
        return result;
    }

    /// <summary>Writes the results workbook (with the preflight's warnings) and the failed-rows file from the journal.</summary>
    public (ResultsFileOutcome Workbook, ResultsFileOutcome FailedRows) WriteResults() =>
        (ResultsWorkbook.Write(Journal, _options.ResultsPath, new ResultsOptions { Warnings = _preflight?.Warnings ?? [] }), FailedRowsFile.Write(Journal));

    /// <summary>The rows of planned orders an earlier run bought (succeeded in the journal).</summary>
    private HashSet<RowLocation> RowsBought()
    {
        var succeeded = Journal.GetOrders(OrderState.Succeeded).Select(o => o.OrderKey).ToHashSet(StringComparer.Ordinal);
        return succeeded.Count == 0 ? [] : [.. _input.Plan!.Orders.Where(o => succeeded.Contains(o.OrderKey)).SelectMany(o => o.LineItems).Select(l => l.Row.Location)];
    }

    /// <summary>Journals the plan; rows only the preflight could complete must have been completed by it (or bought before).</summary>
    private SyncReport Synchronize(Planning.OrderPlan plan)
    {
        var offers = _preflight?.OffersToSend ?? new Dictionary<RowLocation, string>();
        if (_input.AwaitingPreflight.FirstOrDefault(e => e.Row is { } row && !offers.ContainsKey(new RowLocation(e.Sheet, row)) && !_rowsBought.Contains(new RowLocation(e.Sheet, row))) is { } incomplete)
        {
            throw new InvalidOperationException($"Row {incomplete.Row} needs the preflight before it can be sent: {incomplete.Message}");
        }

        return Journal.Synchronize(_input.Read, plan, _inputSha256, _options.RetryFailed, _preflight?.OffersToSend);
    }

    /// <summary>Closes the journal and lets it go for the next run.</summary>
    public void Dispose()
    {
        _ownGates?.Dispose();
        Journal.Dispose();
        _lock.Dispose();
    }

    private ThrottleGates Gates => _options.Gates ?? (_ownGates ??= new ThrottleGates(_options.Submission, _options.Time));

    private RepeatCheck NewRepeatCheck(PartnerCenterClient client, CancellationToken stop) =>
        new(Journal, client, Gates, new ServiceReads(Gates, _options.Submission, _options.Time, stop), _options.Submission, _options.Time);

    // After a repeat the check goes on to its last customer, so the list of repeats is whole; whatever else stopped the
    // batch (Ctrl+C, a refused token, a read that failed) stops the reads too. Then every order left unsent is checked.
    private async Task<(IReadOnlyList<RepeatedOrder> Repeats, PartnerCenterError? Failure)> FinishRepeatCheckAsync(
        RepeatCheck repeats, Task readAhead, SubmissionResult sent, CancellationTokenSource stopReads, CancellationToken stop)
    {
        if (repeats.Repeats.Count == 0 || stop.IsCancellationRequested || sent.AuthenticationFailure is not null || repeats.Failure is not null)
        {
            await stopReads.CancelAsync();
        }

        try
        {
            await readAhead;
        }
        catch (OperationCanceledException) when (stopReads.IsCancellationRequested)
        {
            // Stopped on purpose.
        }

        // Orders released after the read-ahead (new versions of orders in flight) read their customers on their own.
        repeats.KeepReads();

        if (stop.IsCancellationRequested)
        {
            return (repeats.Repeats, null);
        }

        if (repeats.Repeats.Count > 0 && repeats.Failure is null)
        {
            await repeats.FindAsync([.. Journal.GetWork().Where(o => o.State == OrderState.Pending)], stop);
        }

        return (repeats.Repeats, repeats.Failure);
    }

    private static BatchRunStatus StatusOf(SubmissionResult sent, IReadOnlyDictionary<OrderState, int> states, int repeats, PartnerCenterError? readFailure) =>
        sent.AuthenticationFailure is not null || readFailure?.HttpStatus is 401 or 403 ? BatchRunStatus.SignInRefused
        : repeats > 0 ? BatchRunStatus.RepeatsFound
        : sent.Interrupted || states[OrderState.Pending] + states[OrderState.Sending] > 0 ? BatchRunStatus.Unfinished
        : states[OrderState.Failed] + states[OrderState.Conflict] > 0 ? BatchRunStatus.SomeFailed
        : BatchRunStatus.Succeeded;
}
