namespace BatchOrders.Sandbox.Idempotency;

/// <summary>An answer kept under a partner + <c>MS-RequestId</c> so a retry of the same request gets it again.</summary>
internal sealed record StoredAnswer(
    string PartnerKey,
    Guid RequestId,
    string Fingerprint,
    int StatusCode,
    byte[] Body,
    DateTimeOffset CreatedAt);
