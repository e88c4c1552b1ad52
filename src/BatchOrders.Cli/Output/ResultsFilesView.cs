using BatchOrders.Results;
using Spectre.Console;
using static System.FormattableString;

namespace BatchOrders.Cli.Output;

/// <summary>Where the results went, or a plain warning when a file could not be written.</summary>
internal static class ResultsFilesView
{
    public static void Show(IAnsiConsole console, ResultsFileOutcome workbook, ResultsFileOutcome failedRows)
    {
        if (workbook.Succeeded)
        {
            console.MarkupLine(Invariant($"Results workbook: [bold]{Markup.Escape(workbook.Path)}[/] ({workbook.Rows:N0} rows)"));
        }
        else
        {
            console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(workbook.Problem!)}");
        }

        if (!failedRows.Succeeded)
        {
            console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(failedRows.Problem!)}");
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
}
