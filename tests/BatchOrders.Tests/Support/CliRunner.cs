using BatchOrders.Cli;

namespace BatchOrders.Tests.Support;

/// <summary>Runs the CLI in-process, the way a user would type the command, and keeps its exit code and output.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var console = new RecordingConsole();
        var exitCode = await BatchOrdersApp.RunAsync(args, console.Console, CancellationToken.None);
        return (exitCode, console.Output);
    }
}
