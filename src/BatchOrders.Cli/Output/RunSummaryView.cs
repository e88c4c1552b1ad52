using System.Globalization;
using BatchOrders.Journal;
using BatchOrders.Runs;
using static System.FormattableString;

namespace BatchOrders.Cli.Output;

/// <summary>The end of a run: a table of states, what went wrong, where the files are, and how to resume.</summary>
internal static class RunSummaryView
{
    private const int ErrorsShown = 10;

    public static void Show(IAnsiConsole console, BatchJournal journal, BatchRunResult result, bool resultsPathGiven, bool verbose)
    {
        var outcome = result.Outcome;
        var rehearsal = !result.Resume.Target.IsLive;
        var rows = journal.CountRowsByState();
        var table = new Table().Border(TableBorder.Rounded).Title(rehearsal ? "Result (rehearsal: nothing was really ordered)" : "Result (LIVE)");
        table.AddColumn("State");
        table.AddColumn("Orders", c => c.RightAligned());
        table.AddColumn("Rows", c => c.RightAligned());
        foreach (var state in Enum.GetValues<OrderState>().Where(s => outcome.States[s] > 0 || rows.GetValueOrDefault(s) > 0))
        {
            table.AddRow(Colour(state), outcome.States[state].ToString("N0", CultureInfo.InvariantCulture), rows.GetValueOrDefault(state).ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        var submission = outcome.Submission;
        console.MarkupLine(Invariant($"This run: {submission.Succeeded:N0} succeeded, {submission.Failed:N0} failed, {submission.Unresolved:N0} without a definitive answer, {submission.Attempts:N0} requests, {submission.Throttled:N0} throttled."));
        if (outcome.Sync.AlreadySucceeded > 0)
        {
            console.MarkupLine(Invariant($"{outcome.Sync.AlreadySucceeded:N0} orders had already succeeded in an earlier run and were not sent again."));
        }

        var problems = journal.GetOrders(OrderState.Failed, OrderState.Conflict);
        foreach (var order in problems.Take(verbose ? int.MaxValue : ErrorsShown))
        {
            var where = string.Join(", ", order.LineItems.Select(l => l.Row).Distinct());
            console.MarkupLine($"  [red]{order.State}[/] customer {order.CustomerId}, rows {where}: {Markup.Escape(order.ErrorCode is null ? string.Empty : $"[{order.ErrorCode}] ")}{Markup.Escape(order.ErrorMessage ?? string.Empty)}");
        }

        if (!verbose && problems.Count > ErrorsShown)
        {
            console.MarkupLine(Invariant($"  … and {problems.Count - ErrorsShown:N0} more (run with --verbose, or see the workbook)."));
        }

        if (submission.AuthenticationFailure is { } auth)
        {
            console.MarkupLine($"[red]Stopped: {Markup.Escape(auth.Description)}[/] Check the credentials and the account's permissions; orders not sent stay pending.");
        }

        ResultsFilesView.Show(console, result.Workbook, result.FailedRows, journal.Path, resultsPathGiven);
        console.MarkupLine($"Journal: {Markup.Escape(journal.Path)}");
        if (outcome.Status is BatchRunStatus.Unfinished or BatchRunStatus.SignInRefused)
        {
            console.MarkupLine($"[yellow]Not finished.[/] Resume with the same command: [bold]{Markup.Escape(result.Resume.ToString())}[/]");
        }
        else if (outcome.Status == BatchRunStatus.Succeeded)
        {
            console.MarkupLine(rehearsal ? "[green]Done.[/] Every order succeeded in the rehearsal; nothing was really ordered." : "[green]Done.[/] Every order succeeded.");
        }
    }

    private static string Colour(OrderState state) => state switch
    {
        OrderState.Succeeded => "[green]Succeeded[/]",
        OrderState.Failed => "[red]Failed[/]",
        OrderState.Conflict => "[red]Conflict[/]",
        OrderState.Superseded => "[grey]Superseded[/]",
        _ => $"[yellow]{state}[/]",
    };
}
