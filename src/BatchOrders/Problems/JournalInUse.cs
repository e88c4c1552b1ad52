namespace BatchOrders.Problems;

/// <summary>Another run holds the journal: nothing is read further and nothing is sent until it ends.</summary>
public sealed record JournalInUse(string JournalPath, string? Host, int? ProcessId, DateTimeOffset? Since, string? Command) : BatchProblem
{
    /// <inheritdoc />
    public override string Message => ProcessId is null
        ? $"Another run is using the journal {JournalPath}."
        : $"Another run is using the journal {JournalPath}: process {ProcessId} on {Host}, since {Since:yyyy-MM-dd HH:mm:ss} UTC ({Command}).";
}
