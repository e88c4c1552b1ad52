using System.Text.Json;
using BatchOrders.Sandbox.Catalog;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;
using static BatchOrders.Sandbox.Pipeline.RequestJson;

namespace BatchOrders.Sandbox.Resellers;

/// <summary>
/// Indirect resellers: <c>POST /v1/partners/validateresellers</c>, and the refusal a partner id on record gets at
/// order time. The seeded ids are not valid (not found, not an indirect reseller, partner agreement not accepted);
/// every other partner id is an authorised indirect reseller, so files of made-up ids keep working (sandbox choice).
/// </summary>
internal sealed class ResellerBook(SandboxCatalog catalog)
{
    private readonly Dictionary<string, SeededReseller> _invalid = catalog.Resellers.ToDictionary(r => r.PartnerId, StringComparer.Ordinal);

    public SandboxAnswer Validate(ReadOnlyMemory<byte> body)
    {
        var (document, unreadable) = ParseObject(body, "a validate resellers request");
        if (unreadable is not null)
        {
            return unreadable;
        }

        using (document)
        {
            if (Find(document!.RootElement, "partnerIds") is not { ValueKind: JsonValueKind.Array } ids
                || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            {
                return SandboxAnswer.Error(400, ErrorCodes.InvalidInput, "PartnerIds is required: an array of partner ids as strings.");
            }

            var results = ids.EnumerateArray().Select(i => i.GetString()!.Trim()).Select(id => Refusal(id) is { } refusal
                    ? new ValidationResultResource(id, false, refusal.Code, refusal.Description)
                    : new ValidationResultResource(id, true, null, null))
                .ToList();
            return SandboxAnswer.Json(200, new ValidateResellersResource(results));
        }
    }

    /// <summary>Why a partner id cannot be the partner of record (its HTTP status, code and description), or null when it can.</summary>
    public (int Status, int Code, string Description)? Refusal(string partnerId)
    {
        if (partnerId.Length == 0 || !partnerId.All(char.IsAsciiDigit))
        {
            return (404, ErrorCodes.ResellerNotFound, $"MPN Id '{partnerId}' is not found: a partner id is digits only.");
        }

        return _invalid.GetValueOrDefault(partnerId)?.Status switch
        {
            SeededReseller.NotFound => (404, ErrorCodes.ResellerNotFound, $"MPN Id {partnerId} is not found."),
            SeededReseller.NotIndirectReseller => (400, ErrorCodes.NotIndirectReseller, $"MPN Id {partnerId} is not a valid Indirect Reseller."),
            SeededReseller.AgreementNotAccepted => (403, ErrorCodes.ResellerAgreementNotAccepted,
                $"Microsoft Partner Agreement has not been accepted by the indirect reseller {partnerId}."),
            _ => null,
        };
    }
}

/// <summary>The answer of <c>validateresellers</c>.</summary>
internal sealed record ValidateResellersResource(IReadOnlyList<ValidationResultResource> ValidationResults);

/// <summary>One partner id's validation: valid, or the code and description of why not.</summary>
internal sealed record ValidationResultResource(string PartnerId, bool IsValidPartnerIdOnRecord, int? ErrorCode, string? ErrorDescription);
