using System.Collections.Concurrent;
using System.Globalization;
using BatchOrders.PartnerCenter;
using BatchOrders.Preflight;
using BatchOrders.Runs;
using BatchOrders.Submission;
using BatchOrders.Web.Batches;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BatchOrders.Web.Sending;

/// <summary>
/// Runs the batches the page sends, each in the background, through the library's <see cref="BatchRun"/> exactly as
/// <c>submit</c> does: open the journal (its lock keeps a console run from sending the same batch), sign in, the
/// preflight, check for repeats where <c>submit</c> does, send, write the results. The page only reads <see cref="RunSnapshot"/>s;
/// closing the tab changes nothing, and Stop is Ctrl+C: no new orders, requests in flight finish.
/// </summary>
public sealed partial class RunCoordinator(BatchDesk desk, ITargetConnector connector, SubmissionOptions submission, TimeProvider time, ILogger? logger = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActiveRun> _runs = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly CancellationTokenSource _shutdown = new();
    private int _disposed;

    /// <summary>The clock the page shows rates and times by.</summary>
    public TimeProvider Time => time;

    /// <summary>The latest state of the batch's run since this page started; null when it ran none.</summary>
    public RunSnapshot? Latest(string batchId) => _runs.TryGetValue(batchId, out var run) ? run.Snapshot : null;

    /// <summary>True while the batch's run is going.</summary>
    public bool IsRunning(string batchId) => _runs.TryGetValue(batchId, out var run) && !run.Snapshot.HasEnded;

    /// <summary>Completes when the batch's latest run has ended (at once when it has none).</summary>
    public Task WhenEnded(string batchId) => _runs.TryGetValue(batchId, out var run) ? run.Work : Task.CompletedTask;

    /// <summary>Starts sending the batch in the background; the problem in words when it cannot start, else null.</summary>
    public string? Start(BatchFolder batch, Target target, bool allowRepeat)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(target);
        var run = new ActiveRun(new RunSnapshot { BatchId = batch.Id, Phase = RunPhase.Starting, Target = target, StartedAt = time.GetUtcNow() }, _shutdown.Token);
        while (true)
        {
            if (_runs.TryGetValue(batch.Id, out var existing))
            {
                if (!existing.Snapshot.HasEnded)
                {
                    return "This batch is being sent already.";
                }

                if (!_runs.TryUpdate(batch.Id, run, existing))
                {
                    continue;
                }
            }
            else if (!_runs.TryAdd(batch.Id, run))
            {
                continue;
            }

            break;
        }

        run.Work = Task.Run(() => RunAsync(run, batch, target, allowRepeat));
        return null;
    }

    /// <summary>Asks the batch's run to stop taking new orders (as Ctrl+C does). False when none is going.</summary>
    public bool Stop(string batchId)
    {
        if (!_runs.TryGetValue(batchId, out var run) || run.Snapshot.HasEnded)
        {
            return false;
        }

        run.Update(s => s.HasEnded ? s : s with { Phase = RunPhase.Stopping });
        run.Stop.Cancel();
        return true;
    }

    /// <summary>
    /// Stops every run (as Ctrl+C on <c>serve</c>) and waits until each has written its state. Called twice when the
    /// page stops (its stopping event, then its services' disposal): the second call does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync();
        await Task.WhenAll(_runs.Values.Select(r => r.Work));
        foreach (var run in _runs.Values)
        {
            run.Dispose();
        }

        _shutdown.Dispose();
    }

    private async Task RunAsync(ActiveRun run, BatchFolder batch, Target target, bool allowRepeat)
    {
        var stop = run.Stop.Token;
        try
        {
            var input = desk.Load(batch, stop);
            if (!input.IsValid)
            {
                run.End("The batch's file has problems: nothing was sent. Look at its problems, fix them and upload the fixed rows.");
                return;
            }

            run.Update(s => s with { PlannedOrders = input.Plan!.Orders.Count });
            var (session, prepareProblem) = await connector.PrepareAsync(target, message =>
            {
                run.Update(s => s with { Phase = RunPhase.SigningIn, SignInMessage = message });
                return Task.CompletedTask;
            }, stop);
            if (session is null)
            {
                run.End(prepareProblem!);
                return;
            }

            await using (session)
            {
                await SendAsync(run, batch, input, session, allowRepeat, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            run.End("Stopped before sending began: nothing was sent.");
        }
#pragma warning disable CA1031 // The last resort of a background run: the page says so in words, the log keeps the rest.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRunFailed(_logger, ex, batch.Id);
            run.End($"BatchOrders stopped because of an unexpected problem: {ex.Message} Nothing is lost: resume to continue.");
        }
    }

    private async Task SendAsync(ActiveRun run, BatchFolder batch, BatchInput input, ITargetSession session, bool allowRepeat, CancellationToken stop)
    {
        var options = new BatchRunOptions { Submission = submission, Time = time, Command = "batchorders serve (the web page)" };
        var fresh = !batch.HasJournal;
        var (batchRun, problem) = BatchRun.Open(input, session.Target, options);
        if (batchRun is null)
        {
            run.End(PageWords.For(problem!));
            return;
        }

        string? notSent;
        using (batchRun)
        {
            run.Update(s => s with { Target = session.Target });
            PartnerCenterClient? client;
            (notSent, client) = await PrepareAsync(run, batch, batchRun, session, allowRepeat, stop);
            if (notSent is null)
            {
                run.Update(s => s with { Phase = s.Phase == RunPhase.Stopping ? RunPhase.Stopping : RunPhase.Sending, SendingSince = time.GetUtcNow() });
                var result = await batchRun.ExecuteAsync(client!, new Progress(run), stop, _logger);
                run.End(null, result);
                LogRunEnded(_logger, batch.Id, result.Outcome.Status);
                return;
            }
        }

        // Nothing was sent: a journal this run made goes again, so the batch is still unsent and its file can be fixed.
        if (fresh)
        {
            batch.DiscardUnsentJournal();
        }

        run.End(notSent);
    }

    /// <summary>
    /// What <c>submit</c> does before its first order: sign in, connect, the preflight (its findings kept for the
    /// Problems page) and, for live, the repeat check. The client to send with, or why nothing may be sent.
    /// </summary>
    private async Task<(string? NotSent, PartnerCenterClient? Client)> PrepareAsync(ActiveRun run, BatchFolder batch, BatchRun batchRun, ITargetSession session, bool allowRepeat, CancellationToken stop)
    {
        try
        {
            if (await session.SignInAsync(stop) is { } refused)
            {
                return (refused, null);
            }

            var client = await session.ConnectAsync(batchRun.Journal.Path, stop);
            run.Update(s => s.Phase == RunPhase.Stopping ? s : s with { Phase = RunPhase.CheckingRows });
            var preflight = await batchRun.PreflightAsync(client, new PreflightOptions(), stop);
            if (preflight.Failure is { } unread)
            {
                return ($"Before sending, every row is checked against Partner Center's data, and Partner Center could not be read: {unread.Description} Nothing was sent; send again to retry.", null);
            }

            BatchDesk.KeepPreflight(batch, preflight);
            if (!preflight.Passes(strict: false))
            {
                var rows = preflight.Errors.Select(e => e.Row).Distinct().Count();
                return ($"Partner Center's data shows {Count(preflight.Errors.Count, "problem")} in {Count(rows, "row")}. Nothing was sent. " +
                        "They are listed with the file's problems: fix them and upload the fixed rows.", null);
            }

            if (!allowRepeat && session.Target.Kind != TargetKind.Sandbox)
            {
                run.Update(s => s.Phase == RunPhase.Stopping ? s : s with { Phase = RunPhase.CheckingRepeats });
                var check = await batchRun.FindRepeatsAsync(client, stop);
                if (check.Failure is { } failure)
                {
                    return ($"Before sending, the customers' recent orders are read to catch repeats, and that failed: {failure.Description} Nothing was sent; send again to retry.", null);
                }

                if (check.Repeats.Count > 0)
                {
                    run.Update(s => s with { Repeats = check.Repeats });
                    return ($"{check.Repeats.Count:N0} planned orders repeat orders the customers already have from the last {submission.RepeatWindow.TotalDays:0.#} days. " +
                            "Nothing was sent. To order them again on purpose, confirm again and tick \"Order these again anyway\".", null);
                }
            }

            return (null, client);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ("Stopped before sending began: nothing was sent.", null);
        }
    }

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? string.Empty : "s")}");

    [LoggerMessage(Level = LogLevel.Error, Message = "The run of batch {BatchId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string batchId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} ended: {Status}")]
    private static partial void LogRunEnded(ILogger logger, string batchId, BatchRunStatus status);

    /// <summary>Keeps the latest progress in the run's snapshot; reported from the workers' threads.</summary>
    private sealed class Progress(ActiveRun run) : IProgress<SubmissionProgress>
    {
        public void Report(SubmissionProgress value) => run.Update(s => s with { Progress = value });
    }

    private sealed class ActiveRun(RunSnapshot first, CancellationToken shutdown) : IDisposable
    {
        private readonly Lock _lock = new();
        private RunSnapshot _snapshot = first;

        public CancellationTokenSource Stop { get; } = CancellationTokenSource.CreateLinkedTokenSource(shutdown);

        public Task Work { get; set; } = Task.CompletedTask;

        public RunSnapshot Snapshot => Volatile.Read(ref _snapshot);

        public void Update(Func<RunSnapshot, RunSnapshot> change)
        {
            lock (_lock)
            {
                Volatile.Write(ref _snapshot, change(_snapshot));
            }
        }

        public void End(string? problem, BatchRunResult? result = null) =>
            Update(s => s with { Phase = RunPhase.Ended, Problem = problem, Result = result });

        public void Dispose() => Stop.Dispose();
    }
}
