using System.ComponentModel;

namespace BatchOrders.Cli.Commands;

/// <summary>The settings every command that reads a batch's journal shares: the journal itself.</summary>
internal class JournalSettings : CommandSettings
{
    [CommandArgument(0, "<JOURNAL>")]
    [Description("The batch's journal, such as orders.csv.journal.db.")]
    public string Journal { get; set; } = string.Empty;
}
