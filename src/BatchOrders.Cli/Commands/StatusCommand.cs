using System.ComponentModel;
using BatchOrders.Cli.Output;
using BatchOrders.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders status JOURNAL</c>: orders and rows per state, per customer, and the latest errors, read from
/// the journal (also while a run is going).
/// </summary>
internal sealed class StatusCommand(IAnsiConsole console) : Command<StatusCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<JOURNAL>")]
        [Description("The batch's journal, such as orders.csv.journal.db.")]
        public string Journal { get; set; } = string.Empty;

        [CommandOption("--json")]
        [Description("Print one JSON object on standard output instead of tables.")]
        public bool Json { get; set; }
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
            var summary = BatchSummary.From(journal);
            if (settings.Json)
            {
                StatusJson.Write(console.Profile.Out.Writer, summary);
            }
            else
            {
                StatusView.Show(console, summary);
            }

            return ExitCodes.Success;
        }
    }
}
