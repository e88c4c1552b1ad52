using System.Collections.Concurrent;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;
using BatchOrders.Sandbox.Storage;

namespace BatchOrders.Sandbox.Idempotency;

/// <summary>
/// Idempotency on <c>MS-RequestId</c>, per partner: the same id with the same request replays the stored answer and
/// changes nothing; with a different request it is refused (400, 800002); while the first request with an id is
/// still being processed, another gets 409 code 800060. Successes and business failures (4xx) are stored; faults,
/// 5xx and 409 ("in progress, try again later") are not, so a retry can still succeed.
/// </summary>
internal sealed class IdempotencyGate(SandboxState state, TimeSpan retention, TimeProvider time)
{
    private const int PurgeEvery = 512;

    private readonly ConcurrentDictionary<(string PartnerKey, Guid RequestId), byte> _inFlight = new();
    private int _writes;

    public async ValueTask<SandboxAnswer> ExecuteAsync(string partnerKey, Guid? requestId, string method, string route,
        ReadOnlyMemory<byte> body, Func<AnswerKey?, ValueTask<SandboxAnswer>> process)
    {
        if (requestId is not { } id)
        {
            return await process(null);
        }

        var key = (partnerKey, id);
        if (!_inFlight.TryAdd(key, 0))
        {
            return SandboxAnswer.Error(409, ErrorCodes.OrderInProgress,
                $"Your order is in progress: a request with MS-RequestId {id:D} is being processed. Check the order history before ordering again.");
        }

        try
        {
            var answerKey = new AnswerKey(partnerKey, id, RequestFingerprint.Compute(method, route, body));
            var now = time.GetUtcNow();
            var stored = state.Use(store => store.FindAnswer(partnerKey, id, now - retention));
            if (stored is not null)
            {
                return stored.Fingerprint == answerKey.Fingerprint
                    ? new SandboxAnswer(stored.StatusCode, stored.Body) { Replayed = true }
                    : SandboxAnswer.Error(400, ErrorCodes.InvalidInput,
                        $"MS-RequestId {id:D} was already used for a different request; send a new request id for a new request.");
            }

            var answer = await process(answerKey);
            if (!answer.Stored && answer.StatusCode is >= 400 and < 500 and not 409)
            {
                state.Use(store => store.SaveAnswer(answerKey.Store(answer.StatusCode, answer.Body, now)));
            }

            if (Interlocked.Increment(ref _writes) % PurgeEvery == 0)
            {
                state.Use(store => store.PurgeAnswers(time.GetUtcNow() - retention));
            }

            return answer;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
