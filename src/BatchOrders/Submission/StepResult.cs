using BatchOrders.Journal;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// How a step's attempts ended: the last outcome, whether any attempt left the client (<see cref="Sent"/>), whether
/// one may have been processed without an answer (<see cref="AnswerUnknown"/>), and the definitive answer's attempt.
/// </summary>
internal sealed record StepResult(AttemptOutcome Outcome, bool Sent, bool AnswerUnknown, AttemptNote? Answered);
