using System.Diagnostics;
using System.Text;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>The CLI as a child process (<c>dotnet BatchOrders.Cli.dll …</c>), its output copied to a log file.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly StreamWriter _log;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private bool _closed;

    private ChildProcess(Process process, StreamWriter log)
    {
        Process = process;
        _log = log;
    }

    public Process Process { get; }

    /// <summary>Everything written so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string cliDll, IEnumerable<string> args, string logPath, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Never the operator's own Partner Center settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("BATCHORDERS__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process, log);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            Process.WaitForExit();
        }

        Process.Dispose();
        lock (_lock)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
