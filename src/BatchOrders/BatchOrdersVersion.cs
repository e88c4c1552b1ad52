using System.Reflection;

namespace BatchOrders;

/// <summary>
/// The version of BatchOrders that is running: its semantic version and, when it was built from a git clone, the
/// commit (<c>0.4.0+0fb768f</c>). The command prints it, the journal records it with each run, and the results
/// workbook names it, so every file says which build made it.
/// </summary>
public static class BatchOrdersVersion
{
    private const int ShortCommitLength = 7;

    /// <summary>The running build's version, such as <c>0.4.0+0fb768f</c>; without a commit when none was known at build time.</summary>
    public static string Current { get; } = Describe(
        typeof(BatchOrdersVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>
    /// The version as people quote it: the SDK writes <c>VERSION+FULLCOMMIT</c> into the informational version, and
    /// a commit is shortened the way <c>git log --oneline</c> shows it.
    /// </summary>
    internal static string Describe(string? informationalVersion)
    {
        if (string.IsNullOrWhiteSpace(informationalVersion))
        {
            return "unknown";
        }

        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return informationalVersion;
        }

        var metadata = informationalVersion[(plus + 1)..];
        return metadata.Length > ShortCommitLength && metadata.All(char.IsAsciiHexDigit)
            ? string.Concat(informationalVersion.AsSpan(0, plus + 1), metadata.AsSpan(0, ShortCommitLength))
            : informationalVersion;
    }
}
