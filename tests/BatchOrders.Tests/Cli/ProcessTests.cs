using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Cli;

public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_corrupt_workbook_exits_2_with_one_plain_line_and_no_stack_trace()
    {
        var path = _folder.WriteBytes("corrupt.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);

        var (exitCode, output, error) = await CliProcess.RunAsync(["submit", path, "--what-if"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("The workbook is damaged", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_output_has_no_escape_codes()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync(["submit", _folder.CopySample("finance-upload.csv"), "--what-if"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("27 rows, all valid", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
    }
}
