using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchOrders.Cli;
using BatchOrders.Runs;
using Spectre.Console;

namespace BatchOrders.Fuzzing;

/// <summary>
/// Reads, checks and plans one file as a run does (<see cref="BatchInput.Load"/>, default budgets), and names how it
/// ended. Asked to, it reads the file a second time and compares everything the two readings gave (a digest of the
/// problem, every row error, every row and every planned order); and it runs the CLI's <c>submit --what-if --json</c>
/// on it, which must exit 0 or 2 with one JSON object, never its last resort.
/// </summary>
internal static class InputCheck
{
    /// <summary>
    /// Checks the file; <paramref name="beforeReading"/> runs before each reading (the worker clears the memory peak
    /// there) and <paramref name="afterReading"/> after it (where the worker reads the peak).
    /// </summary>
    public static FuzzOutcome Run(int index, string recipe, string path, bool readTwice, bool throughCli, Action beforeReading, Action afterReading)
    {
        var clock = Stopwatch.StartNew();
        var processor = ProcessorTime();
        long Cpu() => (long)(ProcessorTime() - processor).TotalMilliseconds;
        try
        {
            beforeReading();
            var (kind, detail, budget, digest) = Read(path);
            afterReading();
            if (readTwice)
            {
                beforeReading();
                var again = Read(path).Digest;
                afterReading();
                if (again != digest)
                {
                    return new(index, recipe, FuzzOutcomeKind.NonDeterministic, "two readings of the same file differ", budget, clock.ElapsedMilliseconds, Cpu(), 0);
                }
            }

            if (throughCli)
            {
                beforeReading();
                var failure = WhatIf(path);
                afterReading();
                if (failure is not null)
                {
                    return new(index, recipe, FuzzOutcomeKind.CliFailure, failure, budget, clock.ElapsedMilliseconds, Cpu(), 0);
                }
            }

            return new(index, recipe, kind, detail, budget, clock.ElapsedMilliseconds, Cpu(), 0);
        }
        catch (Exception ex)
        {
            return new(index, recipe, FuzzOutcomeKind.Escaped, Describe(ex), null, clock.ElapsedMilliseconds, Cpu(), 0);
        }
    }

    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>An exception as a line to report: its type, its message and the frames where it was thrown.</summary>
    public static string Describe(Exception ex)
    {
        var frames = (ex.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(6);
        return $"{ex.GetType().FullName}: {ex.Message} | {string.Join(" | ", frames)}";
    }

    private static (FuzzOutcomeKind Kind, string Detail, string? Budget, string Digest) Read(string path)
    {
        var input = BatchInput.Load(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? text) => hash.AppendData(Encoding.UTF8.GetBytes((text ?? "\u2400") + "\u241E"));

        var read = input.Read;
        Add(read.Problem?.Message);
        Add(read.Problem?.Budget?.ToString());
        Add(read.Sheet);
        Add(read.DataRowCount.ToString(CultureInfo.InvariantCulture));
        foreach (var error in input.Errors)
        {
            Add($"{error.Row}|{error.Column}|{error.Value}|{error.Message}");
        }

        foreach (var row in read.Rows)
        {
            Add($"{row.Location.Row}|{row.CustomerId}|{row.OfferId}|{row.Quantity}|{row.BillingCycle}|{row.FriendlyName}|{row.TermDuration}|{string.Join('\u241F', row.Cells)}");
        }

        foreach (var order in input.Plan?.Orders ?? [])
        {
            Add($"{order.OrderKey}|{order.Path}|{order.LineItems.Count}");
        }

        var summary = input.Plan?.Summarize();
        Add(summary?.TotalQuantity.ToString(CultureInfo.InvariantCulture));
        var digest = Convert.ToHexString(hash.GetHashAndReset());

        if (read.Problem is { } problem)
        {
            return (FuzzOutcomeKind.FileProblem, problem.Message, problem.Budget?.ToString(), digest);
        }

        return input.Errors.Count > 0
            ? (FuzzOutcomeKind.RowErrors, $"{input.Errors.Count} row errors; first: {input.Errors[0].Message}", null, digest)
            : (FuzzOutcomeKind.Valid, $"{read.DataRowCount} rows, {input.Plan?.Orders.Count} orders", null, digest);
    }

    /// <summary>Null when the CLI's what-if ended as it should; otherwise what was wrong.</summary>
    private static string? WhatIf(string path)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        int exitCode;
        try
        {
            exitCode = BatchOrdersApp.RunAsync(["submit", path, "--what-if", "--json"], console, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            // A what-if of a file with row errors writes their Validation sheet beside it.
            File.Delete(path + ".results.xlsx");
        }

        var output = writer.ToString();
        try
        {
            using var json = JsonDocument.Parse(output);
            if (json.RootElement.TryGetProperty("unexpected", out var unexpected))
            {
                return $"the CLI used its last resort ({unexpected.GetString()}): {json.RootElement.GetProperty("message").GetString()}";
            }
        }
        catch (JsonException)
        {
            return $"the CLI's output is not one JSON object: {Shorten(output)}";
        }

        return exitCode is 0 or 2 ? null : $"the CLI exited {exitCode}: {Shorten(output)}";
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
