using BatchOrders.Cli.Output;
using BatchOrders.Submission;
using BatchOrders.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BatchOrders.Tests.Cli;

public sealed class RunViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Plain_output_shows_progress_rate_retries_requests_in_flight_the_pace_against_the_learned_ceiling_and_the_throttled_pause_added_to_the_time_left()
    {
        var time = new FakeTimeProvider(Start);
        using var console = new RecordingConsole();
        var view = new RunView(console.Console, plain: true, quiet: false, time);
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var tracking = view.TrackAsync(10, progress =>
        {
            time.Advance(TimeSpan.FromSeconds(30));
            progress.Report(new SubmissionProgress(10, Succeeded: 3, Failed: 0, Unresolved: 0, InFlight: 2, Retries: 4, Throttled: 1, PausedUntil: time.GetUtcNow() + TimeSpan.FromSeconds(45))
            {
                RequestsInFlight = 2, InFlightLimit = 9, RequestsLastMinute = 7, LearnedCeilingPerMinute = 8,
            });
            return work.Task;
        });
        work.SetResult(0);
        await tracking;

        var line = Assert.Single(console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("3/10 done · 6/min · ETA 1:55 · retries 4 · in flight 2 · pace 7/min of 8/min learned · throttled, resuming in 45s", line.Trim());
        Assert.DoesNotContain("\u001b", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_line_shows_each_write_familys_pace_and_while_it_runs_the_repeat_checks_with_the_reads_own_pause()
    {
        var time = new FakeTimeProvider(Start);
        using var console = new RecordingConsole();
        var view = new RunView(console.Console, plain: true, quiet: false, time);
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var tracking = view.TrackAsync(300, progress =>
        {
            time.Advance(TimeSpan.FromSeconds(60));
            progress.Report(new SubmissionProgress(300, Succeeded: 120, Failed: 0, Unresolved: 0, InFlight: 20, Retries: 0, Throttled: 1, PausedUntil: null)
            {
                RequestsInFlight = 37,
                Families =
                [
                    new FamilyPace(OperationFamily.OrderWrites, 17, 24, 485, 500, null, null),
                    new FamilyPace(OperationFamily.Reads, 20, 30, 500, 500, null, time.GetUtcNow() + TimeSpan.FromSeconds(12)),
                ],
                RepeatCheck = new RepeatCheckProgress(300, 200, 0),
            });
            return work.Task;
        });
        work.SetResult(0);
        await tracking;

        var line = Assert.Single(console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("120/300 done · 120/min · ETA 1:30 · retries 0 · in flight 37 · orders 485/min of 500/min learned · " +
                     "repeat check 200/300 customers, reads 500/min of 500/min learned (throttled, resuming in 12s)", line.Trim());
    }

    [Fact]
    public async Task Quiet_prints_nothing_while_sending()
    {
        var time = new FakeTimeProvider(Start);
        using var console = new RecordingConsole();
        var view = new RunView(console.Console, plain: true, quiet: true, time);

        var result = await view.TrackAsync(1, progress =>
        {
            progress.Report(new SubmissionProgress(1, 1, 0, 0, 0, 0, 0, null));
            return Task.FromResult(42);
        });

        Assert.Equal(42, result);
        Assert.Empty(console.Output);
    }
}
