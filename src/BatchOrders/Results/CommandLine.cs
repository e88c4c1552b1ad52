namespace BatchOrders.Results;

/// <summary>
/// The commands a results file tells its reader to run. The results workbook is read without the CLI at hand, so
/// it names the commands itself; this is the one place that spells them (docs/ARCHITECTURE.md, "Messages").
/// </summary>
public static class CommandLine
{
    /// <summary>The command that rewrites the results from a journal.</summary>
    public static string Report(string journalPath) => $"batchorders report {Quote(Path.GetFullPath(journalPath))}";

    /// <summary>The command that orders an input file (after a what-if or a fix).</summary>
    public static string Submit(string inputPath) => $"batchorders submit {Quote(Path.GetFullPath(inputPath))}";

    /// <summary>A value as a shell argument: bare when it is plainly safe, else in double quotes.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '\\' or '.' or '-' or '_' or ':')
            ? value
            : $"\"{value}\"";
    }
}
