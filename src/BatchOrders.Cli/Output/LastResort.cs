using System.Text.Json;

namespace BatchOrders.Cli.Output;

/// <summary>
/// The CLI's last resort: an exception that nothing else handled (a fault of BatchOrders, or of the machine), told in
/// words that say what to do for what happened. A file the reader stopped on is never "run the same command again",
/// which cannot help; an interrupted send always is, since the journal holds where it stopped. The exception's type
/// and message are given to report it; never its stack trace.
/// </summary>
internal static class LastResort
{
    /// <summary>What to tell a user, and the exit code, for <paramref name="exception"/> at <paramref name="stage"/>.</summary>
    public static (string Message, int ExitCode) Describe(Exception exception, RunStage stage, string? file)
    {
        var what = $"{exception.GetType().Name}: {exception.Message}";
        var fileName = file is null ? "the file" : Path.GetFileName(file);
        if (exception is OutOfMemoryException or InsufficientMemoryException)
        {
            return stage switch
            {
                RunStage.Reading => ($"BatchOrders ran out of memory reading {fileName}. Nothing was sent. Close other programs, or split the file into smaller files, and try again.", ExitCodes.InvalidInput),
                RunStage.Sending => ("BatchOrders ran out of memory while sending. Nothing is lost: close other programs and run the same command again to resume.", ExitCodes.Interrupted),
                _ => ("BatchOrders ran out of memory. Nothing was sent. Close other programs and run the same command again.", ExitCodes.Interrupted),
            };
        }

        return stage switch
        {
            RunStage.Reading => (
                $"BatchOrders could not read {fileName}: its reader stopped on something in the file it did not expect ({what}). Nothing was sent. " +
                "Running the same command again will not help with this file: open it in Excel and save it again (as .xlsx, or as \"CSV UTF-8\"), then try the saved copy. " +
                "This is a fault of BatchOrders, not of you: please report it with this message.",
                ExitCodes.InvalidInput),
            RunStage.Preparing => (
                $"BatchOrders stopped because of an unexpected problem before sending anything ({what}). Nothing was sent. " +
                "Run the same command again; if it stops the same way, report it with this message.",
                ExitCodes.Interrupted),
            RunStage.Sending => (
                $"BatchOrders stopped because of an unexpected problem while sending ({what}). Nothing is lost: the journal records every order's state, " +
                "so running the same command again resumes where this run stopped, and orders without an answer are sent with their saved request ids. " +
                "If it stops the same way, report it with this message.",
                ExitCodes.Interrupted),
            _ => (
                $"BatchOrders stopped because of an unexpected problem ({what}). If a run was sending orders, nothing is lost: run the same command again to resume. " +
                "If it stops the same way, report it with this message.",
                ExitCodes.Interrupted),
        };
    }

    /// <summary>Writes the message: as one JSON object (exitCode, message, unexpected: the exception's type) with --json, else in red.</summary>
    public static int Report(IAnsiConsole console, Exception exception, RunStage stage, string? file, bool json)
    {
        var (message, exitCode) = Describe(exception, stage, file);
        if (json)
        {
            var writer = console.Profile.Out.Writer;
            writer.WriteLine(JsonSerializer.Serialize(new Outcome(file, exitCode, message, exception.GetType().Name), CliJson.Options));
            writer.Flush();
        }
        else
        {
            console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        }

        return exitCode;
    }

    private sealed record Outcome(
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? File,
        int ExitCode,
        string Message,
        string Unexpected);
}
