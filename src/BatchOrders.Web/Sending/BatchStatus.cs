using BatchOrders.Journal;
using BatchOrders.Web.Batches;

namespace BatchOrders.Web.Sending;

/// <summary>Where a batch is, as the batches page lists it.</summary>
public enum BatchStage
{
    /// <summary>The file cannot be read at all.</summary>
    CannotRead,

    /// <summary>Rows have problems to fix; nothing was sent.</summary>
    HasProblems,

    /// <summary>Every row is valid; nothing was sent yet.</summary>
    Checked,

    /// <summary>This page is sending it.</summary>
    Sending,

    /// <summary>Another run (a console, another page) holds its journal.</summary>
    SendingElsewhere,

    /// <summary>Orders remain to send or to confirm, and no run is going: resume it.</summary>
    Unfinished,

    /// <summary>Every order succeeded.</summary>
    Finished,

    /// <summary>Some orders failed or are in conflict.</summary>
    NeedsAttention,
}

/// <summary>A batch's stage, from the page's own runs, the journal (shared with the CLI) or, before sending, its file.</summary>
public sealed record BatchStatus(BatchStage Stage, Target? Target, IReadOnlyDictionary<OrderState, int>? Orders)
{
    /// <summary>The stage in a few words.</summary>
    public string Words => Stage switch
    {
        BatchStage.CannotRead => "needs attention: the file cannot be read",
        BatchStage.HasProblems => "needs attention: rows to fix",
        BatchStage.Checked => "checked, not sent",
        BatchStage.Sending => "sending",
        BatchStage.SendingElsewhere => "sending (from another window or the console)",
        BatchStage.Unfinished => "unfinished — resume",
        BatchStage.Finished => "finished",
        _ => "needs attention: some orders failed",
    };

    /// <summary>Orders of the batch, superseded versions left out; null before sending.</summary>
    public int? TotalOrders => Orders?.Where(o => o.Key != OrderState.Superseded).Sum(o => o.Value);

    /// <summary>Orders with a definitive outcome.</summary>
    public int? DoneOrders => Orders is null ? null : Orders[OrderState.Succeeded] + Orders[OrderState.Failed] + Orders[OrderState.Conflict];

    /// <summary>Orders still to send or to confirm.</summary>
    public int Remaining => Orders is null ? 0 : Orders[OrderState.Pending] + Orders[OrderState.Sending];

    /// <summary>The stage of <paramref name="batch"/>.</summary>
    public static BatchStatus Of(BatchFolder batch, BatchDesk desk, RunCoordinator runs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(runs);
        var running = runs.IsRunning(batch.Id);
        if (!batch.HasJournal)
        {
            if (running)
            {
                return new BatchStatus(BatchStage.Sending, runs.Latest(batch.Id)?.Target, null);
            }

            var check = desk.Check(batch);
            return new BatchStatus(check.Read.Problem is not null ? BatchStage.CannotRead : check.CanSend ? BatchStage.Checked : BatchStage.HasProblems, null, null);
        }

        var (journal, _) = BatchJournal.Open(batch.JournalPath);
        if (journal is null)
        {
            return new BatchStatus(BatchStage.CannotRead, null, null);
        }

        using (journal)
        {
            var target = journal.GetBatch()?.Target;
            var orders = journal.CountByState();
            var remaining = orders[OrderState.Pending] + orders[OrderState.Sending];
            var stage = running ? BatchStage.Sending
                : remaining > 0 ? (IsHeldElsewhere(batch.JournalPath) ? BatchStage.SendingElsewhere : BatchStage.Unfinished)
                : orders[OrderState.Failed] + orders[OrderState.Conflict] > 0 ? BatchStage.NeedsAttention
                : BatchStage.Finished;
            return new BatchStatus(stage, target, orders);
        }
    }

    /// <summary>
    /// Whether another run holds the journal: asked by taking its lock and letting go at once, the one way the library
    /// offers that cannot be fooled by a stale holder file of a killed run.
    /// </summary>
    private static bool IsHeldElsewhere(string journalPath)
    {
        var (held, _) = JournalLock.Acquire(journalPath, "batchorders serve (looking whether the batch is in use)");
        held?.Dispose();
        return held is null;
    }
}
