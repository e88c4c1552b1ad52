using System.Text.Json;
using BatchOrders.Fuzzing;
using BatchOrders.Tests.Chaos;
using BatchOrders.Tests.Support;
using Xunit.Abstractions;

namespace BatchOrders.Tests.Fuzzing;

/// <summary>
/// The fuzzer (<c>./run.sh fuzz</c>, fuzz/BatchOrders.Fuzzing) in CI: a short deterministic campaign of generated
/// inputs, and every reproducer a campaign ever found, each read, checked and planned by a worker process within the
/// time and memory budgets. An escaped exception, a budget overrun, a dead worker, two readings that differ or a
/// what-if that ends otherwise than exit 0 or 2 with one JSON object fails the test, naming the seed and index.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class FuzzCampaignTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Reproducers = RepositoryFiles.Get("tests", "BatchOrders.Tests", "Fuzzing", "Reproducers");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_short_deterministic_campaign_ends_every_input_as_a_valid_file_row_errors_or_one_clear_problem()
    {
        var settings = FuzzSettings.Ci(RepositoryFiles.Root, _folder.Path);
        using var log = new StringWriter();

        var report = await new FuzzCampaign(settings, log).RunAsync();

        output.WriteLine(log.ToString());
        Assert.True(report.Passed, log.ToString());
        Assert.Equal(settings.Inputs, report.Inputs);
        Assert.All([FuzzOutcomeKind.Valid, FuzzOutcomeKind.RowErrors, FuzzOutcomeKind.FileProblem], kind => Assert.True(report.Count(kind) > 0, $"no {kind} among the inputs: {log}"));
    }

    [Fact]
    public async Task Every_reproducer_ever_found_is_read_within_the_budgets_and_ends_as_it_should()
    {
        var files = Directory.GetFiles(Reproducers).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var settings = FuzzSettings.Ci(RepositoryFiles.Root, _folder.Path) with { Files = files, Workers = 1, ReadTwiceEvery = 1, CliEvery = 1 };
        using var log = new StringWriter();

        var report = await new FuzzCampaign(settings, log).RunAsync();

        output.WriteLine(log.ToString());
        Assert.True(report.Passed, log.ToString());
        Assert.Equal(files.Count, report.FileOutcomes.Count);
        Assert.All(report.FileOutcomes, outcome => Assert.Equal(Expected(outcome.Recipe), outcome.Kind.ToString()));
    }

    /// <summary>How a reproducer must end now: its .json's "expected".</summary>
    private static string Expected(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(file, ".json")));
        return json.RootElement.GetProperty("expected").GetString()!;
    }
}
