using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.Runs;

namespace BatchOrders.Cli.Output;

/// <summary>The final summary of a run as one JSON object: batchId, target, file, rows and orders per state, results, failedRows, journal, exitCode.</summary>
internal static class SubmitJson
{
    public static void Write(TextWriter output, BatchJournal journal, Target target, string file, BatchRunResult result, int exitCode)
    {
        var (results, failedRows) = (result.Workbook, result.FailedRows);
        var summary = new Summary(
            journal.GetBatch()?.BatchId,
            target.Name,
            file,
            journal.CountRowsByState().ToDictionary(p => p.Key.ToString(), p => p.Value),
            journal.CountByState().ToDictionary(p => p.Key.ToString(), p => p.Value),
            results.Problem is null ? results.Path : null,
            failedRows.Problem is null && failedRows.Rows > 0 ? failedRows.Path : null,
            journal.Path,
            exitCode,
            null);
        output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        output.Flush();
    }

    /// <summary>A run that stopped before sending (configuration, journal): the same shape, with the reason.</summary>
    public static void WriteRefusal(TextWriter output, string file, string message, int exitCode)
    {
        output.WriteLine(JsonSerializer.Serialize(new Summary(null, null, file, [], [], null, null, null, exitCode, message), CliJson.Options));
        output.Flush();
    }

    private sealed record Summary(
        string? BatchId,
        string? Target,
        string File,
        Dictionary<string, int> Rows,
        Dictionary<string, int> Orders,
        string? Results,
        string? FailedRows,
        string? Journal,
        int ExitCode,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Message);
}
