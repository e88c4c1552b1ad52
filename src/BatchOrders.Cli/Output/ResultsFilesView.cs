using BatchOrders.Problems;
using BatchOrders.Results;
using static System.FormattableString;

namespace BatchOrders.Cli.Output;

/// <summary>Where the results went, or a plain warning when a file could not be written and how to write it again.</summary>
internal static class ResultsFilesView
{
    public static void Show(IAnsiConsole console, ResultsFileOutcome workbook, ResultsFileOutcome failedRows, string journalPath, bool resultsPathGiven)
    {
        if (workbook.Problem is null)
        {
            console.MarkupLine(Invariant($"Results workbook: [bold]{Markup.Escape(workbook.Path)}[/] ({workbook.Rows:N0} rows)"));
        }
        else
        {
            console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(WorkbookWarning(workbook.Problem, journalPath, resultsPathGiven))}");
        }

        if (failedRows.Problem is not null)
        {
            console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(FailedRowsWarning(failedRows.Problem, journalPath))}");
        }
        else if (failedRows.Rows > 0)
        {
            console.MarkupLine(Invariant($"Rows to fix and submit again: [bold]{Markup.Escape(failedRows.Path)}[/] ({failedRows.Rows:N0} rows)"));
        }
        else
        {
            console.MarkupLine("No refused or unsent rows to fix.");
        }
    }

    /// <summary>The results workbook was not written: nothing is lost, and the command that writes it again.</summary>
    public static string WorkbookWarning(BatchProblem problem, string journalPath, bool resultsPathGiven) => problem switch
    {
        FileNotWritten p => $"The results workbook {p.Path} was not written: {p.Reason}. Nothing is lost: the journal {Path.GetFullPath(journalPath)} keeps every result. " +
                            $"Fix that, then write the workbook again with: {CommandLine.Report(journalPath)}" + (resultsPathGiven ? $" --results {CommandLine.Quote(p.Path)}" : string.Empty),
        _ => problem.Message,
    };

    /// <summary>The workbook of a what-if or of invalid input was not written.</summary>
    public static string PlanWorkbookWarning(BatchProblem problem) => problem switch
    {
        FileNotWritten p => $"The results workbook {p.Path} was not written: {p.Reason}. Close it or choose another file, then run the command again.",
        _ => problem.Message,
    };

    /// <summary>The failed-rows file was not written (the journal keeps every row), or an outdated one could not be removed.</summary>
    public static string FailedRowsWarning(BatchProblem problem, string journalPath) => problem switch
    {
        FileNotWritten p => $"The failed-rows file {p.Path} was not written: {p.Reason}. The journal keeps every row; fix that, then run: {CommandLine.Report(journalPath)}",
        FileNotRemoved p => $"The old failed-rows file {p.Path} could not be removed: {p.Reason}. Every row has succeeded: do not submit that file again.",
        _ => problem.Message,
    };
}
