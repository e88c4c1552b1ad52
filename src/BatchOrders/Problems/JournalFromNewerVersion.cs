namespace BatchOrders.Problems;

/// <summary>The journal was written by a newer version of BatchOrders, whose changes this version cannot read.</summary>
public sealed record JournalFromNewerVersion(string JournalPath, int Version, int KnownVersion) : BatchProblem
{
    /// <inheritdoc />
    public override string Message =>
        $"The journal {JournalPath} was written by a newer version of BatchOrders (journal version {Version}, this one knows {KnownVersion}): use that version to resume it.";
}
