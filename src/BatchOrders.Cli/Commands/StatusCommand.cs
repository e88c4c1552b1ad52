using System.ComponentModel;
using BatchOrders.Cli.Output;
using BatchOrders.Journal;
using BatchOrders.Results;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders status JOURNAL</c>: orders and rows per state, per customer, and the latest errors, read from
/// the journal (also while a run is going). Exits 0 when every order succeeded, 1 when some failed or are in
/// conflict, 3 while orders remain to send or to confirm.
/// </summary>
internal sealed class StatusCommand(IAnsiConsole console) : JournalCommand<StatusCommand.Settings>(console)
{
    public sealed class Settings : JournalSettings
    {
        [CommandOption("--json")]
        [Description("Print one JSON object on standard output instead of tables.")]
        public bool Json { get; set; }
    }

    protected override int Execute(BatchJournal journal, Settings settings)
    {
        var summary = BatchSummary.From(journal);
        if (settings.Json)
        {
            StatusJson.Write(Console.Profile.Out.Writer, summary);
        }
        else
        {
            StatusView.Show(Console, summary);
        }

        // Scripts can wait on it: 3 while orders remain to send or confirm, 1 when some failed or are in conflict.
        return summary.Orders[OrderState.Pending] + summary.Orders[OrderState.Sending] > 0 ? ExitCodes.Interrupted
            : summary.Orders[OrderState.Failed] + summary.Orders[OrderState.Conflict] > 0 ? ExitCodes.OrdersFailed
            : ExitCodes.Success;
    }
}
