using BatchOrders.Sandbox;
using Microsoft.Extensions.Logging;

namespace BatchOrders.Tests.Support;

/// <summary>The ledger of the embedded sandbox a submit ran against: its state file beside the journal.</summary>
public static class EmbeddedLedger
{
    /// <summary>Every order the sandbox created for the batch whose journal is <paramref name="journalPath"/>.</summary>
    public static async Task<IReadOnlyList<LedgerOrder>> ReadAsync(string journalPath)
    {
        var state = Path.ChangeExtension(journalPath, null) + ".sandbox.db";
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { StatePath = state, RequestLogLevel = LogLevel.None });
        return sandbox.GetLedger();
    }
}
