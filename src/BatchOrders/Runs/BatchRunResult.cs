using BatchOrders.Results;

namespace BatchOrders.Runs;

/// <summary>A whole run: what sending did, the results files it wrote, and the command that resumes the batch.</summary>
public sealed record BatchRunResult(BatchRunOutcome Outcome, ResultsFileOutcome Workbook, ResultsFileOutcome FailedRows, ResumeCommand Resume);
