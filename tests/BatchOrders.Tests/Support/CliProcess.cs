using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BatchOrders.Tests.Support;

/// <summary>Runs the built CLI as a real child process, output redirected, as a script or CI would.</summary>
public static class CliProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null) =>
        RunAsync(args, environment: null, timeout);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment);
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var error = process.StandardError.ReadToEndAsync(cancellation.Token);
        await process.WaitForExitAsync(cancellation.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the CLI and leaves it running: for tests that interrupt or kill it.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BatchOrders.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Never pick up the developer's own Partner Center settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("BATCHORDERS__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["CI"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// Reads what <paramref name="process"/> prints until <paramref name="pattern"/> matches it (a server's address,
    /// printed once it listens). Lines are joined as printed, so an address the console wrapped is matched whole.
    /// Throws, naming <paramref name="expected"/> and all the process printed, when it ends (or two minutes pass) first.
    /// </summary>
    /// <returns>The match and what was printed up to it.</returns>
    public static async Task<(Match Match, string Printed)> WaitForPrintedAsync(Process process, Regex pattern, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var printed = string.Empty;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            printed += line;
            if (pattern.Match(printed) is { Success: true } match)
            {
                return (match, printed);
            }
        }

        throw new InvalidOperationException($"{expected}: {printed} {await process.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    /// <summary>Sends a POSIX signal (SIGINT as Ctrl+C would, SIGKILL as a crash).</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
