using System.Text.Json;
using BatchOrders.Journal;
using BatchOrders.Results;

namespace BatchOrders.Cli.Output;

/// <summary>The machine-readable status: one JSON object, camelCase, times in UTC (ISO 8601).</summary>
internal static class StatusJson
{
    public static void Write(TextWriter output, BatchSummary summary)
    {
        var report = new Report(
            summary.JournalPath,
            summary.Batch.InputPath,
            summary.Batch.Sheet,
            summary.Batch.InputSha256,
            summary.Batch.Target.Name,
            summary.Batch.Target.Banner,
            States(summary.Orders),
            States(summary.Rows),
            summary.TotalOrders,
            summary.TotalRows,
            summary.StartedAt,
            summary.EndedAt,
            summary.Duration is { } duration ? Math.Round(duration.TotalSeconds, 3) : null,
            summary.OrdersPerMinute is { } rate ? Math.Round(rate, 2) : null,
            [.. summary.Runs.Select(r => new Run(r.Id, r.StartedAt, r.EndedAt, r.ExitCode, r.ToolVersion))],
            [.. summary.Customers.Select(c => new Customer(c.CustomerId, c.Orders, c.LineItems, States(c.States)))],
            [.. summary.LastErrors.Select(e => new Error(e.OrderKey, e.CustomerId, e.State, e.At, e.HttpStatus, e.ErrorCode, e.Message))],
            summary.ResumeCommand().ToString(),
            [.. summary.Inputs.Select(i => new Input(i.Path, i.Sha256, i.FirstUsedAt, i.LastUsedAt))],
            new Carts(summary.Carts.Orders, summary.Carts.Created, summary.Carts.CheckedOut));
        output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        output.Flush();
    }

    private static Dictionary<string, int> States(IReadOnlyDictionary<OrderState, int> counts) =>
        Enum.GetValues<OrderState>().ToDictionary(s => s.ToString(), s => counts.GetValueOrDefault(s));

    private sealed record Report(
        string Journal,
        string Input,
        string? Sheet,
        string InputSha256,
        string Target,
        string TargetDescription,
        Dictionary<string, int> Orders,
        Dictionary<string, int> Rows,
        int TotalOrders,
        int TotalRows,
        DateTimeOffset? StartedAt,
        DateTimeOffset? EndedAt,
        double? DurationSeconds,
        double? OrdersPerMinute,
        IReadOnlyList<Run> Runs,
        IReadOnlyList<Customer> Customers,
        IReadOnlyList<Error> LastErrors,
        string Resume,
        IReadOnlyList<Input> Inputs,
        Carts Carts);

    private sealed record Carts(int Orders, int Created, int CheckedOut);

    private sealed record Input(string Path, string Sha256, DateTimeOffset FirstUsedAt, DateTimeOffset LastUsedAt);

    private sealed record Run(long Id, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int? ExitCode, string? Version);

    private sealed record Customer(string CustomerId, int Orders, int LineItems, Dictionary<string, int> States);

    private sealed record Error(string OrderKey, string CustomerId, string State, DateTimeOffset At, int? HttpStatus, string? ErrorCode, string Message);
}
