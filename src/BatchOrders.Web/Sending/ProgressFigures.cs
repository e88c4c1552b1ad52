using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.Runs;
using static System.FormattableString;

namespace BatchOrders.Web.Sending;

/// <summary>
/// The progress page's figures, as the page first shows them and as each server-sent event updates them: done/total
/// for the whole batch, orders per minute, requests in flight, "throttled, resuming in N s", time left, retries — the
/// CLI's progress line in the same words.
/// </summary>
public sealed record ProgressFigures
{
    /// <summary>What the run is doing, in words.</summary>
    public required string Phase { get; init; }

    /// <summary>Orders of the batch with a definitive outcome.</summary>
    public required int Done { get; init; }

    /// <summary>Orders of the batch.</summary>
    public required int Total { get; init; }

    /// <summary>Done as a whole percentage of the batch.</summary>
    public int Percent => Total == 0 ? (Ended ? 100 : 0) : (int)Math.Floor(100.0 * Done / Total);

    /// <summary>Orders per minute since sending began.</summary>
    public string PerMinute { get; init; } = "-";

    /// <summary>Requests in flight now.</summary>
    public string InFlight { get; init; } = "0";

    /// <summary>"no", or "resuming in N s" while the service throttles.</summary>
    public string Throttled { get; init; } = "no";

    /// <summary>The time left at the rate so far (and any pause), as m:ss; "-" before it is known.</summary>
    public string TimeLeft { get; init; } = "-";

    /// <summary>Requests sent again this run.</summary>
    public int Retries { get; init; }

    /// <summary>Orders refused.</summary>
    public int Failed { get; init; }

    /// <summary>The device-code sign-in's message while the run waits for it.</summary>
    public string? SignIn { get; init; }

    /// <summary>True once the run has ended (or none is going).</summary>
    public required bool Ended { get; init; }

    /// <summary>Orders still to send or to confirm after the run: the batch is unfinished.</summary>
    public int Remaining { get; init; }

    /// <summary>Why the run stopped or could not start, in words.</summary>
    public string? Problem { get; init; }

    /// <summary>The outcome in one sentence, once ended.</summary>
    public string? Outcome { get; init; }

    /// <summary>One sentence for the polite live region.</summary>
    public string Announcement => Ended
        ? Outcome ?? Problem ?? Phase
        : Invariant($"{Phase}: {Done:N0} of {Total:N0} orders done, {Percent}%.") + (Throttled == "no" ? string.Empty : " Throttled, " + Throttled + ".");

    /// <summary>The figures of a run of this page.</summary>
    public static ProgressFigures Of(RunSnapshot run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Result is { } result)
        {
            return OfStates(result.Outcome.States, OutcomeWords(result), null);
        }

        var progress = run.Progress;
        var total = run.PlannedOrders;
        var done = progress is null ? 0 : Math.Max(0, total - progress.Total) + progress.Done;
        if (run.HasEnded)
        {
            return new ProgressFigures { Phase = "Ended", Done = done, Total = total, Ended = true, Problem = run.Problem, Remaining = total - done };
        }

        var figures = new ProgressFigures
        {
            Phase = PhaseWords(run, progress is null),
            Done = Math.Min(done, total),
            Total = total,
            Ended = false,
            SignIn = run.Phase == RunPhase.SigningIn ? run.SignInMessage : null,
        };
        if (progress is null || run.SendingSince is not { } since)
        {
            return figures;
        }

        var elapsed = now - since;
        var perMinute = elapsed > TimeSpan.FromMilliseconds(200) ? progress.Done / elapsed.TotalMinutes : 0;
        TimeSpan? left = perMinute > 0 ? TimeSpan.FromMinutes((progress.Total - progress.Done) / perMinute) : null;
        var throttled = "no";
        if (progress.PausedUntil is { } until && until > now && progress.Done < progress.Total)
        {
            left = (until - now) + (left ?? TimeSpan.Zero);
            throttled = Invariant($"resuming in {Math.Ceiling((until - now).TotalSeconds):0} s");
        }

        return figures with
        {
            PerMinute = Invariant($"{perMinute:N0}"),
            InFlight = Invariant($"{progress.RequestsInFlight:N0}"),
            Throttled = throttled,
            TimeLeft = left is { } l ? Short(l) : "-",
            Retries = progress.Retries,
            Failed = progress.Failed,
        };
    }

    /// <summary>The figures of a batch no run of this page is sending: what its journal says.</summary>
    public static ProgressFigures Of(IReadOnlyDictionary<OrderState, int> states, string? problem)
    {
        ArgumentNullException.ThrowIfNull(states);
        var remaining = states[OrderState.Pending] + states[OrderState.Sending];
        return OfStates(states, remaining > 0 ? Invariant($"Unfinished: {remaining:N0} orders remain to send or to confirm. Resume to send them; nothing is sent twice.") : null, problem);
    }

    private static ProgressFigures OfStates(IReadOnlyDictionary<OrderState, int> states, string? outcome, string? problem)
    {
        var total = states.Where(s => s.Key != OrderState.Superseded).Sum(s => s.Value);
        var done = states[OrderState.Succeeded] + states[OrderState.Failed] + states[OrderState.Conflict];
        return new ProgressFigures
        {
            Phase = "Ended",
            Done = done,
            Total = total,
            Ended = true,
            Failed = states[OrderState.Failed],
            Remaining = states[OrderState.Pending] + states[OrderState.Sending],
            Outcome = outcome ?? Invariant($"Done: {states[OrderState.Succeeded]:N0} of {total:N0} orders succeeded, {states[OrderState.Failed] + states[OrderState.Conflict]:N0} failed or in conflict."),
            Problem = problem,
        };
    }

    private static string OutcomeWords(BatchRunResult result)
    {
        var outcome = result.Outcome;
        var rehearsal = !result.Resume.Target.IsLive;
        return outcome.Status switch
        {
            BatchRunStatus.Succeeded => rehearsal ? "Done. Every order succeeded in the rehearsal; nothing was really ordered." : "Done. Every order succeeded.",
            BatchRunStatus.SomeFailed => Invariant($"Done, with problems: {outcome.States[OrderState.Failed]:N0} orders failed and {outcome.States[OrderState.Conflict]:N0} are in conflict. The results say why."),
            BatchRunStatus.SignInRefused => $"Stopped: {outcome.Submission.AuthenticationFailure?.Description} Check the credentials and the account's permissions; orders not sent stay pending.",
            _ => Invariant($"Not finished: {outcome.Remaining:N0} orders remain to send or to confirm. Resume to send them; nothing is sent twice."),
        };
    }

    private static string PhaseWords(RunSnapshot run, bool noProgressYet) => run.Phase switch
    {
        RunPhase.Starting => "Starting",
        RunPhase.SigningIn => "Waiting for you to sign in",
        RunPhase.CheckingRows => "Checking every row against Partner Center's data",
        RunPhase.CheckingRepeats => "Checking the customers' recent orders for repeats",
        RunPhase.Stopping => "Stopping: no new orders; requests in flight finish",
        _ when noProgressYet => "Synchronising the journal",
        _ => "Sending",
    };

    private static string Short(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
