using System.ComponentModel;
using BatchOrders.Cli.Output;
using BatchOrders.Journal;
using BatchOrders.Results;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders report JOURNAL</c>: writes the results workbook and the failed-rows file again from a journal,
/// at any time (also while a run is going: the journal is read, never changed).
/// </summary>
internal sealed class ReportCommand(IAnsiConsole console) : JournalCommand<ReportCommand.Settings>(console)
{
    public sealed class Settings : JournalSettings
    {
        [CommandOption("--results <PATH>")]
        [Description("Where to write the workbook (default: <input>.results.xlsx beside the input).")]
        public string? Results { get; set; }

        [CommandOption("--failed-rows <PATH>")]
        [Description("Where to write the failed rows (default: <input>.failed.csv, or .failed.xlsx for a workbook).")]
        public string? FailedRows { get; set; }
    }

    protected override int Execute(BatchJournal journal, Settings settings)
    {
        var batch = journal.GetBatch()!;
        Console.MarkupLine($"[bold]{Markup.Escape(batch.InputName)}[/]: {Markup.Escape(batch.Target.Banner)}");
        var workbook = ResultsWorkbook.Write(journal, settings.Results);
        var failed = FailedRowsFile.Write(journal, settings.FailedRows);
        ResultsFilesView.Show(Console, workbook, failed, journal.Path, settings.Results is not null);
        return workbook.Succeeded && failed.Succeeded ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
