using System.Diagnostics;

namespace BatchOrders.Tests.Support;

/// <summary>Runs the built CLI as a real child process, output redirected, as a script or CI would.</summary>
public static class CliProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null)
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

        using var process = Process.Start(start)!;
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var error = process.StandardError.ReadToEndAsync(cancellation.Token);
        await process.WaitForExitAsync(cancellation.Token);
        return (process.ExitCode, await output, await error);
    }
}
