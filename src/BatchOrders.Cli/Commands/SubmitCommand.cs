using BatchOrders.Cli.Output;
using BatchOrders.Cli.Targets;
using BatchOrders.Problems;
using BatchOrders.Runs;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders submit FILE</c>: reads and checks every row, plans the orders, and — unless <c>--what-if</c> —
/// sends them to the target (the embedded sandbox unless told otherwise) through the library's <see cref="BatchRun"/>.
/// This command only maps settings in and outcomes out, and draws the screen (<c>SubmitCommand.Screen.cs</c>).
/// </summary>
internal sealed partial class SubmitCommand(IAnsiConsole console) : AsyncCommand<SubmitCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var stage = new StageMark();
        try
        {
            return await ExecuteStagesAsync(settings, stage, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return LastResort.Report(console, ex, stage.Current, settings.File, settings.Json);
        }
    }

    private async Task<int> ExecuteStagesAsync(Settings settings, StageMark stage, CancellationToken cancellationToken)
    {
        stage.Current = RunStage.Reading;
        var input = BatchInput.Load(settings.File, settings.ReadOptions(), settings.PlanningOptions(), cancellationToken);
        stage.Current = RunStage.Preparing;
        if (!input.IsValid)
        {
            return ReportInvalidInput(settings, input);
        }

        // A what-if without a target only shows the plan; with one it also signs in, runs the preflight and checks for repeats.
        if (settings.WhatIf && settings.Target is null)
        {
            return ShowWhatIf(settings, input);
        }

        // Rows only the preflight can complete are errors without it.
        if (settings.NoPreflight && input.AwaitingPreflight.Count > 0)
        {
            return ReportInvalidInput(settings, input with { Errors = input.AwaitingPreflight });
        }

        if (!Target.TryParse(settings.Target ?? Target.Sandbox.Name, out var target))
        {
            return Refuse($"--target must be sandbox, live or an http(s) address, not '{settings.Target}'.", ExitCodes.InvalidInput, settings);
        }

        var output = settings.Json || settings.Quiet ? null : console;
        ShowPlan(output, settings, input);

        var partnerCenter = CliConfiguration.PartnerCenter(CliConfiguration.Load(), settings.Tenant, settings.ClientId, settings.Certificate, settings.CertificateThumbprint, settings.DeviceCode);
        var (liveTokens, signInProblem) = TargetConnection.SignsIn(target, partnerCenter) ? await LiveSignIn.PrepareAsync(partnerCenter, console) : (null, null);
        if (signInProblem is not null)
        {
            return Refuse(signInProblem, ExitCodes.AuthenticationOrConfiguration, settings);
        }

        target = TargetConnection.Resolve(target, partnerCenter);

        // The repeat check runs beside the orders (each customer's orders wait for its read), or — for a what-if, and
        // when a person is to be asked about repeats — over every order before any is sent.
        var checksRepeats = !settings.AllowRepeat && (target.Kind != TargetKind.Sandbox || settings.CheckRepeats);
        var checksFirst = checksRepeats && (settings.WhatIf || (settings.Confirm && !settings.Yes));
        var (run, problem) = BatchRun.Open(input, target, settings.RunOptions() with { CheckRepeats = checksRepeats && !checksFirst });
        if (run is null)
        {
            liveTokens?.Dispose();
            return Refuse($"{ProblemWords.For(problem!)} Nothing was sent.", problem is JournalInUse ? ExitCodes.JournalInUse : ExitCodes.InvalidInput, settings);
        }

        using (run)
        {
            if (liveTokens is not null && await LiveSignIn.SignInAsync(liveTokens, cancellationToken) is { } refused)
            {
                liveTokens.Dispose();
                return Refuse(refused, ExitCodes.AuthenticationOrConfiguration, settings);
            }

            if (run.ResumedFrom is { } original)
            {
                output?.MarkupLine($"Resuming batch {run.Journal.GetBatch()!.BatchId} from its copy [bold]{Markup.Escape(input.Read.File)}[/] (last read from {Markup.Escape(original)}).");
            }

            await using var connection = await TargetConnection.OpenAsync(target, run.Journal.Path, partnerCenter, liveTokens, cancellationToken);
            if (!settings.NoPreflight && await PreflightAsync(settings, run, connection, cancellationToken) is { } stoppedByPreflight)
            {
                return stoppedByPreflight;
            }

            input = run.Input;
            if (!settings.WhatIf && await ConfirmAsync(settings, input, target, cancellationToken) is { } declined)
            {
                return declined;
            }

            if (checksFirst && await CheckRepeatsAsync(settings, run, connection, cancellationToken) is { } stopped)
            {
                return stopped;
            }

            if (settings.WhatIf)
            {
                return ShowCheckedWhatIf(settings, run);
            }

            output?.MarkupLine(target.IsLive
                ? $"[white on red] LIVE [/] Sending to {Markup.Escape(target.Description)} ({Markup.Escape(connection.SignIn)})."
                : $"[black on yellow] REHEARSAL [/] Sending to {Markup.Escape(target.Description)}.");
            stage.Current = RunStage.Sending;
            var view = new RunView(console, RunView.IsPlain(console), settings.Json || settings.Quiet, TimeProvider.System);
            var outcome = await view.TrackAsync(input.Plan!.Orders.Count, progress => run.SendAsync(connection.Client, progress, cancellationToken));
            if (StoppedBeforeSending(settings, run, outcome) is { } stoppedEarly)
            {
                return stoppedEarly;
            }

            var exitCode = ShowResult(settings, run, target, input, run.Finish(outcome));
            ShowRepeatCheckStop(settings, run, outcome);
            return exitCode;
        }
    }

    /// <summary>How far the command has come, for the last resort.</summary>
    private sealed class StageMark
    {
        public RunStage Current { get; set; } = RunStage.Command;
    }
}
