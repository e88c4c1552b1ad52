using System.ComponentModel;
using BatchOrders.Cli.Output;
using BatchOrders.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders report JOURNAL</c>: writes the results workbook and the failed-rows file again from a journal,
/// at any time (also while a run is going: the journal is read, never changed).
/// </summary>
internal sealed class ReportCommand(IAnsiConsole console) : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<JOURNAL>")]
        [Description("The batch's journal, such as orders.csv.journal.db.")]
        public string Journal { get; set; } = string.Empty;

        [CommandOption("--results <PATH>")]
        [Description("Where to write the workbook (default: <input>.results.xlsx beside the input).")]
        public string? Results { get; set; }

        [CommandOption("--failed-rows <PATH>")]
        [Description("Where to write the failed rows (default: <input>.failed.csv, or .failed.xlsx for a workbook).")]
        public string? FailedRows { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (journal, problem) = JournalArgument.Open(settings.Journal);
        if (journal is null)
        {
            console.MarkupLine($"[red]{Markup.Escape(problem!)}[/]");
            return ExitCodes.InvalidInput;
        }

        using (journal)
        {
            var batch = journal.GetBatch()!;
            console.MarkupLine($"[bold]{Markup.Escape(batch.InputName)}[/]: {Markup.Escape(BatchSummary.DescribeTarget(batch.Target))}");
            var workbook = ResultsWorkbook.Write(journal, settings.Results);
            var failed = FailedRowsFile.Write(journal, settings.FailedRows);
            ResultsFilesView.Show(console, workbook, failed);
            return workbook.Succeeded && failed.Succeeded ? ExitCodes.Success : ExitCodes.InvalidInput;
        }
    }
}
