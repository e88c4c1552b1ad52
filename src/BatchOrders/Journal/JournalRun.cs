namespace BatchOrders.Journal;

/// <summary>
/// One run of the command against this journal: when, on what, how it ended, and the version of BatchOrders that
/// made it (<see cref="BatchOrdersVersion"/>; null for runs recorded before journals kept it).
/// </summary>
public sealed record JournalRun(
    long Id, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string InputSha256, Target Target, int? ExitCode, string? ToolVersion);
