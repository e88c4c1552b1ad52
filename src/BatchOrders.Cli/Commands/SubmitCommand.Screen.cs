using BatchOrders.Cli.Output;
using BatchOrders.Cli.Targets;
using BatchOrders.PartnerCenter;
using BatchOrders.Preflight;
using BatchOrders.Results;
using BatchOrders.Runs;

namespace BatchOrders.Cli.Commands;

/// <summary><c>submit</c>'s screen: the plan, the questions it asks, the repeats it found, its refusals and its result.</summary>
internal sealed partial class SubmitCommand
{
    private static void ShowPlan(IAnsiConsole? output, Settings settings, BatchInput input)
    {
        if (output is null)
        {
            return;
        }

        if (settings.WhatIf)
        {
            PlanView.ShowPlan(output, input.Read, input.Plan!);
        }
        else
        {
            PlanView.ShowPlanSummary(output, input.Read, input.Plan!);
        }
    }

    /// <summary>With --confirm (and no --yes): asks before sending; the exit code when nothing is to be sent, else null.</summary>
    private async Task<int?> ConfirmAsync(Settings settings, BatchInput input, Target target, CancellationToken cancellationToken)
    {
        if (!settings.Confirm || settings.Yes)
        {
            return null;
        }

        if (!console.Profile.Capabilities.Interactive || Console.IsInputRedirected)
        {
            return Refuse("--confirm needs a person at a terminal to answer; add --yes to confirm in advance.", ExitCodes.InvalidInput, settings);
        }

        var summary = input.Plan!.Summarize();
        if (await console.ConfirmAsync($"Send {summary.Orders:N0} orders for {summary.Customers:N0} customers to {target.Description}?", defaultValue: false, cancellationToken))
        {
            return null;
        }

        console.MarkupLine("Nothing was sent.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The repeat check: the exit code when it stops the run (repeats found and not confirmed, or customers' orders
    /// that could not be read), else null. --yes does not answer for repeats: only --allow-repeat or a person does.
    /// </summary>
    private async Task<int?> CheckRepeatsAsync(Settings settings, BatchRun run, TargetConnection connection, CancellationToken cancellationToken)
    {
        var check = await run.FindRepeatsAsync(connection.Client, cancellationToken);
        if (check.Failure is { } failure)
        {
            return Refuse(ReadFailedMessage(failure) + " Nothing was sent; run the same command again.",
                failure.HttpStatus is 401 or 403 ? ExitCodes.AuthenticationOrConfiguration : ExitCodes.Interrupted, settings);
        }

        if (check.Repeats.Count == 0)
        {
            return null;
        }

        var output = settings.Json ? null : console;
        if (output is not null)
        {
            RepeatView.Show(output, check.Repeats, run.Journal.GetBatch()!.Target);
        }

        if (!settings.WhatIf && settings.Confirm && console.Profile.Capabilities.Interactive && !Console.IsInputRedirected
            && await console.ConfirmAsync($"Order these {check.Repeats.Count:N0} again anyway?", defaultValue: false, cancellationToken))
        {
            return null;
        }

        return Refuse(RepeatsMessage(settings, check.Repeats.Count) + " Nothing was sent. To order them again on purpose, add --allow-repeat.", ExitCodes.InvalidInput, settings);
    }

    /// <summary>
    /// The preflight: the exit code when it stops the run (errors, or warnings with --strict: exit 2, written to the
    /// Validation sheet; Partner Center not readable: 4 or 3), else null after showing its warnings.
    /// </summary>
    private async Task<int?> PreflightAsync(Settings settings, BatchRun run, TargetConnection connection, CancellationToken cancellationToken)
    {
        var result = await run.PreflightAsync(connection.Client, new PreflightOptions { Strict = settings.Strict }, cancellationToken);
        if (result.Failure is { } failure)
        {
            return Refuse($"Before sending, every row is checked against Partner Center's data, and Partner Center could not be read: {failure.Description} Nothing was sent; run the same command again (or add --no-preflight to send without the check).",
                failure.HttpStatus is 401 or 403 ? ExitCodes.AuthenticationOrConfiguration : ExitCodes.Interrupted, settings);
        }

        var input = run.Input;
        if (result.Passes(settings.Strict))
        {
            if (!settings.Json && !settings.Quiet && !settings.WhatIf)
            {
                PreflightView.Show(console, input.Read, result, settings.Strict);
            }

            return null;
        }

        var written = ResultsWorkbook.WritePlan(input.Read, result.Errors.Concat(settings.Strict ? result.Warnings : []).ToList(), null, settings.Results,
            new ResultsOptions { Warnings = settings.Strict ? [] : result.Warnings });
        if (settings.Json)
        {
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, input.Read, null, result.Errors, result, ExitCodes.InvalidInput);
        }
        else
        {
            PreflightView.Show(console, input.Read, result, settings.Strict);
            console.MarkupLine(written.Problem is null
                ? $"Every finding is listed in [bold]{Markup.Escape(written.Path)}[/] (sheet Validation)."
                : $"[yellow]{Markup.Escape(ResultsFilesView.PlanWorkbookWarning(written.Problem))}[/]");
        }

        return ExitCodes.InvalidInput;
    }

    /// <summary>A what-if against a target: the plan as the preflight completed it, its reads and findings; nothing was sent.</summary>
    private int ShowCheckedWhatIf(Settings settings, BatchRun run)
    {
        var input = run.Input;
        if (settings.Json)
        {
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, input.Read, input.Plan, input.Errors, run.Preflight, ExitCodes.Success);
        }
        else if (!settings.Quiet)
        {
            if (run.Preflight is { } preflight)
            {
                PreflightView.Show(console, input.Read, preflight, settings.Strict);
            }

            console.MarkupLine("[green]What-if: nothing was sent.[/] Run the same command without --what-if to order.");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The repeat check beside the orders stopped the batch before any order was sent (repeats, or orders that could
    /// not be read): the same refusal as a check before sending, and the exit code; else null.
    /// </summary>
    private int? StoppedBeforeSending(Settings settings, BatchRun run, BatchRunOutcome outcome)
    {
        var sent = outcome.Submission.Succeeded + outcome.Submission.Failed + outcome.Submission.Unresolved;
        if (sent > 0 || outcome.Submission.Interrupted)
        {
            return null;
        }

        if (outcome.RepeatCheckFailure is { } failure)
        {
            return Refuse(ReadFailedMessage(failure) + " Nothing was sent; run the same command again.", ExitCodes.Of(outcome.Status), settings);
        }

        if (outcome.Repeats.Count == 0)
        {
            return null;
        }

        if (!settings.Json)
        {
            RepeatView.Show(console, outcome.Repeats, run.Journal.GetBatch()!.Target);
        }

        return Refuse(RepeatsMessage(settings, outcome.Repeats.Count) + " Nothing was sent. To order them again on purpose, add --allow-repeat.", ExitCodes.InvalidInput, settings);
    }

    /// <summary>After the summary of a run the repeat check stopped once orders had been sent: what it found, and what to do.</summary>
    private void ShowRepeatCheckStop(Settings settings, BatchRun run, BatchRunOutcome outcome)
    {
        if (settings.Json)
        {
            return;
        }

        if (outcome.RepeatCheckFailure is { } failure)
        {
            console.MarkupLine($"[red]{Markup.Escape(ReadFailedMessage(failure))}[/] Orders not yet sent stay pending; run the same command again.");
        }
        else if (outcome.Repeats.Count > 0)
        {
            RepeatView.Show(console, outcome.Repeats, run.Journal.GetBatch()!.Target);
            console.MarkupLine($"[red]{Markup.Escape(RepeatsMessage(settings, outcome.Repeats.Count))}[/] They were not sent, and no order was started after the first was found; " +
                               "the orders sent this run were checked and repeat nothing. To order the repeats on purpose, run the same command with --allow-repeat; to leave them out, delete their rows and run it again.");
        }
    }

    private static string RepeatsMessage(Settings settings, int repeats) =>
        $"{repeats:N0} planned orders repeat orders the customers already have from the last {settings.RunOptions().Submission.RepeatWindow.TotalDays:0.#} days.";

    private static string ReadFailedMessage(PartnerCenterError failure) =>
        $"Before sending, the customers' recent orders are read to catch repeats, and that failed: {failure.Description}";

    private int ShowResult(Settings settings, BatchRun run, Target target, BatchInput input, BatchRunResult result)
    {
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

    private int ReportInvalidInput(Settings settings, BatchInput input)
    {
        var read = input.Read.Problem is { } fileProblem ? input.Read with { Problem = fileProblem with { Message = InputProblemWords.For(fileProblem) } } : input.Read;
        if (settings.Json)
        {
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, read, null, input.Errors, null, ExitCodes.InvalidInput);
        }
        else if (read.Problem is { } problem)
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
            WhatIfJson.Write(console.Profile.Out.Writer, settings.File, input.Read, input.Plan, input.Errors, null, ExitCodes.Success, input.AwaitingPreflight);
        }
        else
        {
            PlanView.ShowPlan(console, input.Read, input.Plan!);
            if (input.AwaitingPreflight.Count > 0)
            {
                PreflightView.ShowAwaiting(console, input.AwaitingPreflight);
            }

            console.MarkupLine("[green]What-if: nothing was sent.[/] Run the same command without --what-if to order; add --target to check the rows against Partner Center's data first.");
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
