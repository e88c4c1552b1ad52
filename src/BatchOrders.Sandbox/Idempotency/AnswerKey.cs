namespace BatchOrders.Sandbox.Idempotency;

/// <summary>Where an answer is stored: the partner, its <c>MS-RequestId</c> and the fingerprint of the request.</summary>
internal sealed record AnswerKey(string PartnerKey, Guid RequestId, string Fingerprint)
{
    public StoredAnswer Store(int statusCode, byte[] body, DateTimeOffset now) =>
        new(PartnerKey, RequestId, Fingerprint, statusCode, body, now);
}
