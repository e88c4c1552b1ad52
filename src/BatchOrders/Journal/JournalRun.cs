namespace BatchOrders.Journal;

/// <summary>One run of the command against this journal: when, on what, and how it ended.</summary>
public sealed record JournalRun(long Id, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string InputSha256, Target Target, int? ExitCode);
