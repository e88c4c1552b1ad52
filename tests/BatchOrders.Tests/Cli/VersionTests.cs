using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Cli;

public sealed class VersionTests
{
    [Theory]
    [InlineData("--version")]
    [InlineData("-v")]
    public async Task Version_prints_the_semantic_version_and_commit_and_exits_0(string flag)
    {
        var (exitCode, output) = await CliRunner.RunAsync(flag);

        Assert.Equal(0, exitCode);
        Assert.Equal(BatchOrdersVersion.Current, output.Trim());
    }
}
