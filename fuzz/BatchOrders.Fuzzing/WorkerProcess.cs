using System.Diagnostics;
using System.Text.Json;

namespace BatchOrders.Fuzzing;

/// <summary>
/// One worker child process as the campaign sees it: sent one input at a time (a file the campaign wrote), and
/// watched: an answer that does not come within the time limit, or a resident set past the memory limit, kills it
/// (and the campaign starts another).
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private long _peakSeen;

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(FuzzSettings settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        start.ArgumentList.Add("worker");

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The managed heap stops at the memory budget: a runaway allocation is an OutOfMemoryException the worker
        // reports, not a machine brought to its knees between two of the campaign's looks at the resident set.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + settings.MemoryBudgetBytes.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The fuzz worker did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    /// <summary>
    /// Sends one command and waits for its answer: null when the worker was killed for the time or memory limit, or
    /// died (<paramref name="ended"/> says which). The time limit is processor time, as the budget is: a worker that
    /// other work on the machine keeps waiting is not hung; one that spins is. The wall limit, far longer, ends a
    /// worker that waits on nothing forever.
    /// </summary>
    public async Task<FuzzOutcome?> AskAsync(string command, TimeSpan processorLimit, TimeSpan wallLimit, long memoryLimitBytes, Action<string> ended)
    {
        _peakSeen = 0;
        var processorBefore = ProcessorTime();
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(wallLimit);
        var answer = ReadAnswerAsync(timeout.Token);
        while (!answer.IsCompleted)
        {
            await Task.WhenAny(answer, Task.Delay(50, CancellationToken.None));
            if (!answer.IsCompleted && ProcessorTime() - processorBefore > processorLimit)
            {
                Kill();
                ended($"time: no answer within {processorLimit.TotalSeconds:0} s of processor time");
                return null;
            }

            if (ProcessMemory.ResidentBytes(_process.Id) is { } resident)
            {
                _peakSeen = Math.Max(_peakSeen, resident);
                if (resident > memoryLimitBytes)
                {
                    Kill();
                    ended($"memory: {resident / (1024 * 1024)} MiB resident, past the {memoryLimitBytes / (1024 * 1024)} MiB limit");
                    return null;
                }
            }
        }

        try
        {
            var line = await answer;
            if (line is null)
            {
                ended(_process.HasExited ? $"the worker died (exit code {_process.ExitCode})" : "the worker closed its output");
                Kill();
                return null;
            }

            var outcome = JsonSerializer.Deserialize<FuzzOutcome>(line[FuzzWorker.Marker.Length..])!;
            return outcome.PeakBytes > 0 ? outcome : outcome with { PeakBytes = _peakSeen };
        }
        catch (OperationCanceledException)
        {
            Kill();
            ended($"time: no answer within {wallLimit.TotalSeconds:0} s");
            return null;
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task<string?> ReadAnswerAsync(CancellationToken cancellationToken)
    {
        while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(FuzzWorker.Marker, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    private TimeSpan ProcessorTime()
    {
        try
        {
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            // It has exited: the answer, or its absence, says how.
            return TimeSpan.Zero;
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
    }
}
