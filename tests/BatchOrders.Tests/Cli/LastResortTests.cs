using System.Text.Json;
using BatchOrders.Cli;
using BatchOrders.Cli.Output;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Cli;

/// <summary>
/// What the CLI says when nothing else handled what happened: advice fit for it (a file the reader stopped on is never
/// "run the same command again"), and with --json one JSON object, whatever the outcome.
/// </summary>
public sealed class LastResortTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_reader_that_stops_on_a_file_says_nothing_was_sent_and_that_running_again_will_not_help()
    {
        var (message, exitCode) = LastResort.Describe(new ArgumentOutOfRangeException("value"), RunStage.Reading, "/data/orders.xlsx");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("could not read orders.xlsx", message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", message, StringComparison.Ordinal);
        Assert.Contains("Running the same command again will not help", message, StringComparison.Ordinal);
        Assert.Contains("ArgumentOutOfRangeException", message, StringComparison.Ordinal);
        Assert.DoesNotContain("resume", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_send_that_stops_says_nothing_is_lost_and_to_run_the_same_command_to_resume()
    {
        var (message, exitCode) = LastResort.Describe(new InvalidOperationException("boom"), RunStage.Sending, "orders.xlsx");

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Contains("Nothing is lost", message, StringComparison.Ordinal);
        Assert.Contains("running the same command again resumes", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, ExitCodes.InvalidInput, "split the file")]
    [InlineData(false, ExitCodes.Interrupted, "run the same command again to resume")]
    public void Running_out_of_memory_says_what_to_free_or_split(bool reading, int expectedExit, string advice)
    {
        var (message, exitCode) = LastResort.Describe(new InsufficientMemoryException(), reading ? RunStage.Reading : RunStage.Sending, "orders.csv");

        Assert.Equal(expectedExit, exitCode);
        Assert.Contains(advice, message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_json_the_last_resort_is_one_json_object()
    {
        using var console = new RecordingConsole();

        var exitCode = LastResort.Report(console.Console, new InvalidDataException("bad"), RunStage.Reading, "orders.xlsb", json: true);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        using var json = JsonDocument.Parse(console.Output);
        Assert.Equal(["file", "exitCode", "message", "unexpected"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("InvalidDataException", json.RootElement.GetProperty("unexpected").GetString());
    }

    [Fact]
    public async Task With_json_wrong_arguments_are_one_json_object_too()
    {
        var (exitCode, output) = await CliRunner.RunAsync("submit", "orders.csv", "--json", "--no-such-flag");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("no-such-flag", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_a_budget_names_the_flag_that_raises_it()
    {
        var path = _folder.WriteText("notes.csv", Rows.Csv("CustomerId,OfferId,Quantity,Notes", $"{Rows.Customer},{Rows.E3},1,call first"));

        var (refused, output) = await CliRunner.RunAsync("submit", path, "--what-if", "--json", "--max-columns", "3");
        var (accepted, _) = await CliRunner.RunAsync("submit", path, "--what-if", "--json", "--max-columns", "4");

        Assert.Equal((ExitCodes.InvalidInput, ExitCodes.Success), (refused, accepted));
        using var json = JsonDocument.Parse(output);
        var message = json.RootElement.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.EndsWith("If the file is right as it is, raise the limit with --max-columns.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-columns", "0")]
    [InlineData("--max-columns", "16385")]
    [InlineData("--max-part-mb", "0")]
    [InlineData("--max-cell-length", "0")]
    public async Task A_budget_out_of_its_bounds_is_refused_naming_its_flag(string flag, string value)
    {
        var path = _folder.WriteText("orders.csv", Rows.Csv("CustomerId,OfferId,Quantity", $"{Rows.Customer},{Rows.E3},1"));

        var (exitCode, output) = await CliRunner.RunAsync("submit", path, "--what-if", flag, value);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains(flag, output, StringComparison.Ordinal);
    }
}
