namespace BatchOrders.Submission;

/// <summary>
/// Where the throttle gate stands: requests in flight and the limit on them, requests sent in the last minute, the
/// ceiling learned from 429s and the one set by --max-rate (null when none), and the mean latency of recent answers.
/// </summary>
internal sealed record GateSnapshot(int InFlight, int Limit, int SentLastMinute, double? LearnedCeiling, int? MaxRate, TimeSpan Latency);
