using System.Globalization;
using BatchOrders.Submission;
using static System.FormattableString;

namespace BatchOrders.Cli.Output;

/// <summary>
/// The run's face while orders are sent: a progress bar with done/total, orders per minute, time left, retries, the
/// requests in flight, the orders' pace against the ceiling the service showed (or --max-rate) per operation family,
/// while it runs the repeat check's (customers checked, the reads' pace), and a visible "throttled, resuming in Ns"
/// state; plain lines (no escape codes, one at least every 10 seconds) when the
/// output is redirected or CI is set; nothing with --quiet.
/// </summary>
internal sealed class RunView(IAnsiConsole console, bool plain, bool quiet, TimeProvider time)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>Whether the screen should get plain lines: output redirected, a CI system, or a console that is not interactive.</summary>
    public static bool IsPlain(IAnsiConsole console) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) || !console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi;

    public async Task<T> TrackAsync<T>(int total, Func<IProgress<SubmissionProgress>, Task<T>> run)
    {
        var latest = new LatestProgress();
        var started = time.GetUtcNow();
        if (quiet)
        {
            return await run(latest);
        }

        if (plain)
        {
            var work = run(latest);
            while (await Task.WhenAny(work, Task.Delay(PlainInterval, time)) != work)
            {
                console.WriteLine(ProgressLine(latest.Value, started));
            }

            if (latest.Value is not null)
            {
                console.WriteLine(ProgressLine(latest.Value, started));
            }

            return await work;
        }

        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Sending", maxValue: Math.Max(1, total));
                var work = run(latest);
                while (await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(250), time)) != work)
                {
                    Update(task, latest.Value, started);
                }

                result = await work;
                Update(task, latest.Value, started);
                task.StopTask();
            });
        return result;
    }

    private void Update(ProgressTask task, SubmissionProgress? progress, DateTimeOffset started)
    {
        if (progress is not null)
        {
            task.MaxValue = Math.Max(1, progress.Total);
            task.Value = progress.Done;
        }

        task.Description = Markup.Escape(progress is null ? "Synchronising the journal…" : ProgressLine(progress, started));
    }

    /// <summary>One status line; the total is the work of this run (orders already done are not in it).</summary>
    private string ProgressLine(SubmissionProgress? progress, DateTimeOffset started)
    {
        var total = progress?.Total ?? 0;
        var now = time.GetUtcNow();
        var done = progress?.Done ?? 0;
        var elapsed = now - started;
        var perMinute = elapsed > TimeSpan.FromMilliseconds(200) ? done / elapsed.TotalMinutes : 0;
        var left = perMinute > 0 ? TimeSpan.FromMinutes((total - done) / perMinute) : (TimeSpan?)null;
        if (progress?.PausedUntil is { } resumeAt && resumeAt > now && done < total)
        {
            // Nothing is sent before the pause ends: the rest starts then, at the rate seen so far.
            left = (resumeAt - now) + (left ?? TimeSpan.Zero);
        }

        var text = Invariant($"{done:N0}/{total:N0} done · {perMinute:N0}/min · ETA {(left is { } l ? Short(l) : "-")} · retries {progress?.Retries ?? 0:N0}");
        if (progress is { Failed: > 0 })
        {
            text += Invariant($" · failed {progress.Failed:N0}");
        }

        if (progress is not null)
        {
            text += Invariant($" · in flight {progress.RequestsInFlight:N0}");
            var writes = progress.Families.Where(f => f.Family != OperationFamily.Reads).ToList();
            text += writes.Count == 0
                ? Invariant($" · pace {progress.RequestsLastMinute:N0}/min {Ceiling(progress.LearnedCeilingPerMinute, progress.MaxRatePerMinute)}")
                : string.Concat(writes.Select(f => " · " + Pace(f, now, writes.Count > 1)));
            if (progress.RepeatCheck is { Running: true } check)
            {
                var reads = progress.Families.FirstOrDefault(f => f.Family == OperationFamily.Reads);
                text += Invariant($" · repeat check {check.Checked:N0}/{check.Customers:N0} customers");
                text += check.Repeats > 0 ? Invariant($", {check.Repeats:N0} repeats") : string.Empty;
                text += reads is null ? string.Empty : ", " + Pace(reads, now, paused: true);
            }
        }

        if (progress?.PausedUntil is { } until && until > now)
        {
            text += Invariant($" · throttled, resuming in {Math.Ceiling((until - now).TotalSeconds):0}s");
        }

        return text;
    }

    /// <summary>One family's pace against its ceiling; with <paramref name="paused"/>, its own 429 pause too.</summary>
    private static string Pace(FamilyPace pace, DateTimeOffset now, bool paused)
    {
        var text = Invariant($"{Label(pace.Family)} {pace.SentLastMinute:N0}/min {Ceiling(pace.LearnedCeilingPerMinute, pace.MaxRatePerMinute)}");
        return paused && pace.PausedUntil is { } until && until > now
            ? text + Invariant($" (throttled, resuming in {Math.Ceiling((until - now).TotalSeconds):0}s)")
            : text;
    }

    private static string Label(OperationFamily family) => family switch
    {
        OperationFamily.OrderWrites => "orders",
        OperationFamily.Carts => "carts",
        OperationFamily.Checkout => "checkouts",
        _ => "reads",
    };

    /// <summary>The ceiling the pace keeps under: the service's (learned from its 429s) or --max-rate, whichever is lower.</summary>
    private static string Ceiling(int? learnedPerMinute, int? maxRatePerMinute) => (learnedPerMinute, maxRatePerMinute) switch
    {
        ({ } learned, { } max) when max < learned => Invariant($"of {max:N0}/min (--max-rate)"),
        ({ } learned, _) => Invariant($"of {learned:N0}/min learned"),
        (null, { } max) => Invariant($"of {max:N0}/min (--max-rate)"),
        _ => "(no ceiling met yet)",
    };

    private static string Short(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>Keeps the latest report; the screen reads it on its own clock, never on the workers' threads.</summary>
    private sealed class LatestProgress : IProgress<SubmissionProgress>
    {
        private SubmissionProgress? _value;

        public SubmissionProgress? Value => Volatile.Read(ref _value);

        public void Report(SubmissionProgress value) => Volatile.Write(ref _value, value);
    }
}
