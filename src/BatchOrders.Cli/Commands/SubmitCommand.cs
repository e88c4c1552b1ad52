using BatchOrders.Cli.Output;
using BatchOrders.Cli.Targets;
using BatchOrders.Results;
using BatchOrders.Runs;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders submit FILE</c>: reads and checks every row, plans the orders, and — unless <c>--what-if</c> —
/// sends them to the target (the embedded sandbox unless told otherwise) through the library's <see cref="BatchRun"/>.
/// This command only maps settings in and outcomes out, and draws the screen.
/// </summary>
internal sealed partial class SubmitCommand(IAnsiConsole console) : AsyncCommand<SubmitCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var input = BatchInput.Load(settings.File, settings.ReadOptions(), settings.PlanningOptions(), cancellationToken);
        if (!input.IsValid)
        {
            return ReportInvalidInput(settings, input);
        }

        if (settings.WhatIf)
        {
            return ShowWhatIf(settings, input);
        }

        if (!Target.TryParse(settings.Target ?? Target.Sandbox.Name, out var target))
        {
            return Refuse($"--target must be sandbox, live or an http(s) address, not '{settings.Target}'.", ExitCodes.InvalidInput, settings);
        }

        var output = settings.Json || settings.Quiet ? null : console;
        if (output is not null)
        {
            PlanView.ShowPlanSummary(output, input.Read, input.Plan!);
        }

        if (settings.Confirm && !settings.Yes)
        {
            if (!console.Profile.Capabilities.Interactive || Console.IsInputRedirected)
            {
                return Refuse("--confirm needs a person at a terminal to answer; add --yes to confirm in advance.", ExitCodes.InvalidInput, settings);
            }

            var summary = input.Plan!.Summarize();
            if (!await console.ConfirmAsync($"Send {summary.Orders:N0} orders for {summary.Customers:N0} customers to {target.Description}?", defaultValue: false, cancellationToken))
            {
                console.MarkupLine("Nothing was sent.");
                return ExitCodes.Success;
            }
        }

        var partnerCenter = CliConfiguration.PartnerCenter(CliConfiguration.Load(), settings.Tenant, settings.ClientId, settings.Certificate, settings.CertificateThumbprint, settings.DeviceCode);
        var (liveTokens, signInProblem) = TargetConnection.SignsIn(target, partnerCenter) ? await LiveSignIn.PrepareAsync(partnerCenter, console) : (null, null);
        if (signInProblem is not null)
        {
            return Refuse(signInProblem, ExitCodes.AuthenticationOrConfiguration, settings);
        }

        target = TargetConnection.Resolve(target, partnerCenter);

        var (run, problem) = BatchRun.Open(input, target, settings.RunOptions());
        if (run is null)
        {
            liveTokens?.Dispose();
            return Refuse($"{ProblemWords.For(problem!)} Nothing was sent.", ExitCodes.InvalidInput, settings);
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
            output?.MarkupLine(target.IsLive
                ? $"[white on red] LIVE [/] Sending to {Markup.Escape(target.Description)} ({Markup.Escape(connection.SignIn)})."
                : $"[black on yellow] REHEARSAL [/] Sending to {Markup.Escape(target.Description)}.");

            var view = new RunView(console, RunView.IsPlain(console), settings.Json || settings.Quiet, TimeProvider.System);
            var result = await view.TrackAsync(input.Plan!.Orders.Count, progress => run.ExecuteAsync(connection.Client, progress, cancellationToken));
            var exitCode = ExitCodes.Of(result.Outcome.Status);
            if (settings.Json)
            {
                SubmitJson.Write(console.Profile.Out.Writer, run.Journal, target, input.Read.File, result, exitCode);
            }
            else
            {
                RunSummaryView.Show(console, run.Journal, result, settings.Results is not null, settings.Verbose);
            }

            return exitCode;
        }
    }

    private int ReportInvalidInput(Settings settings, BatchInput input)
    {
        if (settings.Json)
        {
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, input.Read, null, input.Errors);
        }
        else if (input.Read.Problem is { } problem)
        {
            PlanView.ShowFileProblem(console, problem);
        }
        else
        {
            PlanView.ShowErrors(console, input.Read, input.Errors);
        }

        // The Validation sheet lets a finance user fix the rows in Excel; a file that cannot be read has nothing to show.
        if (input.Read.Problem is null)
        {
            var written = ResultsWorkbook.WritePlan(input.Read, input.Errors, null, settings.Results);
            if (!settings.Json)
            {
                console.MarkupLine(written.Problem is null
                    ? $"Every problem is listed in [bold]{Markup.Escape(written.Path)}[/] (sheet Validation)."
                    : $"[yellow]{Markup.Escape(ResultsFilesView.PlanWorkbookWarning(written.Problem))}[/]");
            }
        }

        return ExitCodes.InvalidInput;
    }

    private int ShowWhatIf(Settings settings, BatchInput input)
    {
        if (settings.Json)
        {
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, input.Read, input.Plan, input.Errors);
        }
        else
        {
            PlanView.ShowPlan(console, input.Read, input.Plan!);
            console.MarkupLine("[green]What-if: nothing was sent.[/] Run the same command without --what-if to order.");
        }

        return ExitCodes.Success;
    }

    private int Refuse(string message, int exitCode, Settings settings)
    {
        if (settings.Json)
        {
            SubmitJson.WriteRefusal(console.Profile.Out.Writer, settings.File, message, exitCode);
        }
        else
        {
            console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        }

        return exitCode;
    }
}
