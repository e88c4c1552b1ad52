using Microsoft.Extensions.Hosting;

namespace BatchOrders.Sandbox.Pipeline;

/// <summary>
/// A host lifetime that ignores Ctrl+C and SIGTERM: the sandbox runs inside the CLI, which owns those signals and
/// stops the sandbox itself once its in-flight requests are done.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
