using BatchOrders.Tests.Browser;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Web;

/// <summary><c>batchorders serve</c> as a process: how it stops.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Serve_stops_cleanly_on_Ctrl_C_and_on_SIGTERM(string signal)
    {
        await using var serve = await ServeProcess.StartAsync(_temp.Folder("batches"));

        var (exitCode, output) = await serve.StopAsync(signal);

        Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
        Assert.Contains("Stopped.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected problem", output, StringComparison.Ordinal);
    }
}
