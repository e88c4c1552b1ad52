using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchOrders.Sandbox;

namespace BatchOrders.Benchmarks.Chaos;

/// <summary>
/// The standalone sandbox of a chaos run (<c>batchorders sandbox --state …</c> as a child process), which the harness
/// can SIGKILL and start again on the same port and state file while a client is sending. Its counters start from
/// zero at every start, so the batch's progress and the 429s of storms are read as totals over all its lives.
/// </summary>
internal sealed partial class ChaosSandbox : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly string _cli;
    private readonly string _folder;
    private readonly int _seed;
    private readonly IReadOnlyList<string> _faults;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private ChildProcess? _process;
    private long _entriesBefore;
    private long _stormsBefore;
    private SandboxReading _last = new(0, 0);

    private ChaosSandbox(string cli, string folder, int seed, IReadOnlyList<string> faults)
    {
        _cli = cli;
        _folder = folder;
        _seed = seed;
        _faults = faults;
    }

    /// <summary>The address clients are sent to: the same through every restart.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>How many times it was killed and started again.</summary>
    public int Restarts { get; private set; }

    /// <summary>The SQLite file holding its ledger and idempotency store.</summary>
    public string StatePath => Path.Combine(_folder, "sandbox.db");

    /// <summary>The process id of its current life.</summary>
    public int ProcessId => _process?.Process.Id ?? 0;

    public static async Task<ChaosSandbox> StartAsync(string cli, string folder, int seed, IReadOnlyList<string> faults, CancellationToken cancellationToken)
    {
        var sandbox = new ChaosSandbox(cli, folder, seed, faults);
        await sandbox.LaunchAsync(port: 0, cancellationToken);
        return sandbox;
    }

    /// <summary>
    /// SIGKILLs the sandbox (in-flight requests die with it, clients then meet refused connections) and starts it
    /// again on the same port and state file; returns how long it was away.
    /// </summary>
    public async Task<TimeSpan> RestartAsync(CancellationToken cancellationToken)
    {
        var away = Stopwatch.StartNew();
        var process = _process!;
        process.Process.Kill();
        await process.Process.WaitForExitAsync(CancellationToken.None);
        process.Dispose();
        _entriesBefore = _last.LedgerEntries;
        _stormsBefore = _last.Storm429s;
        Restarts++;
        var launched = DateTimeOffset.UtcNow;
        await LaunchAsync(new Uri(Address).Port, cancellationToken);

        // Every entry of the earlier lives is older than this launch, every entry of this life (its counters) newer.
        _entriesBefore = (await LedgerAsync(cancellationToken)).Count(e => e.CreatedAt < launched);
        return away.Elapsed;
    }

    /// <summary>Orders and add-on PATCHes in the ledger, and 429s answered by storms, over all its lives; the last known while it is away.</summary>
    public async Task<SandboxReading> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stats = await _http.GetFromJsonAsync<SandboxStats>(Address + "_sandbox/stats", Web, cancellationToken);
            if (stats is not null)
            {
                _last = new SandboxReading(_entriesBefore + stats.OrdersCreated + stats.OrdersPatched, _stormsBefore + stats.StormThrottled429);
            }
        }
        catch (HttpRequestException)
        {
            // Away (restarting): the last reading stands.
        }

        return _last;
    }

    public async Task<IReadOnlyList<LedgerOrder>> LedgerAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<LedgerOrder>>(Address + "_sandbox/ledger", Web, cancellationToken) ?? [];

    /// <summary>Reissues every new-commerce availability id (kept in the state file through restarts); returns the generation now.</summary>
    public async Task<int> RotateAvailabilitiesAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri(Address + "_sandbox/rotate-availabilities"), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return answer.RootElement.GetProperty("generation").GetInt32();
    }

    public Task<SandboxStats?> StatsAsync(CancellationToken cancellationToken) =>
        _http.GetFromJsonAsync<SandboxStats>(Address + "_sandbox/stats", Web, cancellationToken);

    public void Dispose()
    {
        _process?.Dispose();
        _http.Dispose();
    }

    private async Task LaunchAsync(int port, CancellationToken cancellationToken)
    {
        // Each life has its own fault sequence (seeded), so a restart does not replay the first life's faults.
        var seed = (_seed + Restarts).ToString(CultureInfo.InvariantCulture);
        string[] args = ["sandbox", "--port", port.ToString(CultureInfo.InvariantCulture), "--state", StatePath, "--seed", seed, "--quiet", .. _faults];
        _process = ChildProcess.Start(_cli, args, Path.Combine(_folder, $"sandbox-{Restarts + 1}.log"), environment: null);
        var clock = Stopwatch.StartNew();
        Match match;
        while (!(match = AddressPattern().Match(_process.Output)).Success)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.Process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"The sandbox did not start on port {port}: {_process.Output}");
            }

            await Task.Delay(20, cancellationToken);
        }

        Address = match.Value;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex AddressPattern();
}
