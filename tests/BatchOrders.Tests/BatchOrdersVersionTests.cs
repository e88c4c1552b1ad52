namespace BatchOrders.Tests;

public sealed class BatchOrdersVersionTests
{
    [Fact]
    public void The_running_version_is_semantic_with_the_short_commit_it_was_built_from()
    {
        // The tests run from a git clone, so the SDK knows the commit.
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\+[0-9a-f]{7}$", BatchOrdersVersion.Current);
    }

    [Theory]
    [InlineData("0.4.0+0fb768fe392b732567cd8002ddc35ebcee203c18", "0.4.0+0fb768f")]
    [InlineData("1.2.3-beta.1+0FB768FE392B732567CD8002DDC35EBCEE203C18", "1.2.3-beta.1+0FB768F")]
    [InlineData("0.4.0", "0.4.0")]
    [InlineData("0.4.0+local.build", "0.4.0+local.build")]
    [InlineData("", "unknown")]
    [InlineData(null, "unknown")]
    public void A_commit_is_shortened_as_git_shows_it_and_other_build_metadata_is_kept(string? informational, string expected)
    {
        Assert.Equal(expected, BatchOrdersVersion.Describe(informational));
    }
}
