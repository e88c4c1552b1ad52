using Spectre.Console;
using Spectre.Console.Cli;

namespace BatchOrders.Cli;

/// <summary>Builds the command tree; the one place that knows every verb.</summary>
internal static class BatchOrdersApp
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
