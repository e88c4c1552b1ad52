using System.Diagnostics;
using System.Text.RegularExpressions;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Browser;

/// <summary><c>batchorders serve</c> as a real child process, as a user starts it: its printed address, and a kill.</summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _printed;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private ServeProcess(Process process, Uri address, string printed)
    {
        _process = process;
        Address = address;
        _printed = printed;

        // Keep reading, so the child never blocks on a full pipe.
        _output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _error = process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    /// <summary>The printed address, with its token.</summary>
    public Uri Address { get; }

    public static async Task<ServeProcess> StartAsync(string folder, params string[] more)
    {
        var process = CliProcess.Start(["serve", "--folder", folder, "--no-browser", .. more]);
        var (address, printed) = await CliProcess.WaitForPrintedAsync(process, AddressPattern(), "serve printed no address");
        return new ServeProcess(process, new Uri(address.Value), printed);
    }

    /// <summary>Sends <paramref name="signal"/> (INT as Ctrl+C, TERM as a service manager) and waits for the exit.</summary>
    /// <returns>The exit code and everything the process printed.</returns>
    public async Task<(int ExitCode, string Output)> StopAsync(string signal)
    {
        CliProcess.Signal(_process, signal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return (_process.ExitCode, _printed + "\n" + await _output + await _error);
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or a pulled plug would: nothing of it runs after.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            CliProcess.Signal(_process, "INT");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}")]
    private static partial Regex AddressPattern();
}
