using BatchOrders.Journal;

namespace BatchOrders.Results;

/// <summary>
/// The command that resumes a batch: its input, and its sheet, target and journal where they are not the defaults.
/// The target matters: a journal refuses a run for another kind of target, so a live batch must be resumed live.
/// </summary>
public sealed record ResumeCommand(string InputPath, string? Sheet, Target Target, string JournalPath)
{
    /// <summary>The resume command of the batch a journal holds.</summary>
    public static ResumeCommand For(JournalBatch batch, string journalPath)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new ResumeCommand(batch.InputPath, batch.Sheet, batch.Target, Path.GetFullPath(journalPath));
    }

    /// <summary>The command line, as a user types it.</summary>
    public override string ToString()
    {
        var command = $"batchorders submit {CommandLine.Quote(InputPath)}";
        if (Sheet is { } sheet)
        {
            command += $" --sheet {CommandLine.Quote(sheet)}";
        }

        if (Target.Kind != TargetKind.Sandbox)
        {
            command += $" --target {CommandLine.Quote(Target.Name)}";
        }

        if (!string.Equals(JournalPath, BatchJournal.DefaultPath(InputPath), StringComparison.Ordinal))
        {
            command += $" --journal {CommandLine.Quote(JournalPath)}";
        }

        return command;
    }
}
