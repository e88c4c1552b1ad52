using System.Globalization;
using BatchOrders.Preflight;
using BatchOrders.Reading;

namespace BatchOrders.Cli.Output;

/// <summary>Shows what the preflight found: its errors as the input's row errors are shown, its warnings the same way, and what it read.</summary>
internal static class PreflightView
{
    public static void Show(IAnsiConsole console, ReadResult read, PreflightResult result, bool strict)
    {
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Preflight: {result.TotalReads:N0} reads of Partner Center's data{(result.Reads.Count > 0 ? $" ({Markup.Escape(string.Join(", ", result.Reads.Select(r => $"{r.Key} {r.Value:N0}")))})" : "")}{(result.Reused > 0 ? $", {result.Reused:N0} reused from the journal" : "")}; {result.Errors.Count:N0} errors, {result.Warnings.Count:N0} warnings."));
        if (result.Errors.Count > 0)
        {
            PlanView.ShowErrors(console, read, result.Errors);
        }

        if (result.Warnings.Count > 0)
        {
            console.MarkupLine(strict
                ? "[red]Warnings (--strict: they stop the run too):[/]"
                : "[yellow]Warnings (shown and kept in the results; add --strict to stop on them):[/]");
            PlanView.ShowFindings(console, result.Warnings);
        }
    }

    /// <summary>The rows only the preflight can complete, in a what-if that did not run it.</summary>
    public static void ShowAwaiting(IAnsiConsole console, IReadOnlyList<RowError> awaiting)
    {
        console.MarkupLine("[yellow]These rows are completed by the preflight, which runs before anything is sent (add --target to run it now):[/]");
        PlanView.ShowFindings(console, awaiting);
    }
}
