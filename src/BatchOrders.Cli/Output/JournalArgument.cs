using BatchOrders.Journal;

namespace BatchOrders.Cli.Output;

/// <summary>Opens the journal a command names, or says in one plain sentence why it cannot.</summary>
internal static class JournalArgument
{
    public static (BatchJournal? Journal, string? Problem) Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return (null, "Name the journal to read, such as orders.csv.journal.db (it is beside the input file).");
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return (null, $"{full} is a folder, not a journal: name the .journal.db file.");
        }

        // Opening creates a journal that is not there; a report of an empty new journal would only mislead.
        if (!File.Exists(full))
        {
            return (null, $"There is no journal at {full}. A batch's journal is beside its input file, named <input>.journal.db, unless --journal put it elsewhere.");
        }

        var (journal, problem) = BatchJournal.Open(full);
        if (journal is null)
        {
            return (null, ProblemWords.For(problem!));
        }

        if (journal.GetBatch() is null)
        {
            journal.Dispose();
            return (null, $"The journal {full} holds no batch yet: nothing has been submitted with it.");
        }

        return (journal, null);
    }
}
