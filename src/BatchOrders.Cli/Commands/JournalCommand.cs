using BatchOrders.Cli.Output;
using BatchOrders.Journal;

namespace BatchOrders.Cli.Commands;

/// <summary>A command that reads a batch's journal: opens it (or says plainly why it cannot), runs, and closes it.</summary>
internal abstract class JournalCommand<TSettings>(IAnsiConsole console) : Command<TSettings>
    where TSettings : JournalSettings
{
    protected IAnsiConsole Console { get; } = console;

    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var (journal, problem) = JournalArgument.Open(settings.Journal);
        if (journal is null)
        {
            Console.MarkupLine($"[red]{Markup.Escape(problem!)}[/]");
            return ExitCodes.InvalidInput;
        }

        using (journal)
        {
            return Execute(journal, settings);
        }
    }

    /// <summary>The command's work on an open journal that holds a batch; returns the exit code.</summary>
    protected abstract int Execute(BatchJournal journal, TSettings settings);
}
