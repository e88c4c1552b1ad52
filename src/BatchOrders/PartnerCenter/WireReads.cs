using System.Text.Json;

namespace BatchOrders.PartnerCenter;

/// <summary>A customer as read before ordering: whose it is and where it is billed (its billing profile's country).</summary>
internal sealed record WireCustomer(string? Id, string? RelationshipToPartner, WireProfile? BillingProfile, WireProfile? CompanyProfile);

/// <summary>A profile's country, in its default address (billing) or address (company).</summary>
internal sealed record WireProfile(string? CompanyName, WireAddress? DefaultAddress, WireAddress? Address);

internal sealed record WireAddress(string? Country);

/// <summary>A customer's account validation status: <c>Allowed</c>, <c>UnderReview</c>, <c>NotAllowed</c>, <c>Unknown</c>.</summary>
internal sealed record WireValidationStatus(string? Type, string? Status);

/// <summary>Any collection answer: its items.</summary>
internal sealed record WireCollection<T>(IReadOnlyList<T>? Items);

/// <summary>A subscription: what it is of, its status and order, and its parent when it is an add-on.</summary>
internal sealed record WireSubscription(
    string? Id, string? OfferId, string? OfferName, string? Status, string? OrderId, int? Quantity, string? TermDuration, string? BillingCycle, string? ParentSubscriptionId);

/// <summary>
/// A new-commerce SKU: quantities, billing cycles, and whether it is an add-on of which SKUs — read from
/// <c>dynamicAttributes</c> (<c>isAddon</c>, <c>prerequisiteSkus</c>) or the same names at the top, as either is seen.
/// </summary>
internal sealed record WireSku(
    string? Id, string? ProductId, string? Title, int? MinimumQuantity, int? MaximumQuantity, IReadOnlyList<string>? SupportedBillingCycles,
    JsonElement? DynamicAttributes, bool? IsAddon, IReadOnlyList<string>? PrerequisiteSkus);

/// <summary>An availability: today's id and catalog item id, to whom it is sold, and the terms it sells.</summary>
internal sealed record WireAvailability(
    string? Id, string? CatalogItemId, string? Segment, string? Country, bool? IsPurchasable, IReadOnlyList<WireTerm>? Terms);

/// <summary>A term of an availability: its duration and billing cycle.</summary>
internal sealed record WireTerm(string? Duration, string? BillingCycle);

/// <summary>A legacy offer: limits, whether it is still sold, whether it is an add-on of which offers.</summary>
internal sealed record WireOffer(
    string? Id, string? Name, int? MinimumQuantity, int? MaximumQuantity, int? Limit, bool? IsAvailableForPurchase, bool? IsAddOn,
    IReadOnlyList<string>? PrerequisiteOffers, IReadOnlyList<string>? SupportedBillingCycles);

/// <summary>A promotion eligibility check: one item per transaction.</summary>
internal sealed record WirePromotionEligibilitiesRequest(IReadOnlyList<WirePromotionEligibilitiesItem> Items);

internal sealed record WirePromotionEligibilitiesItem(int Id, string CatalogItemId, int Quantity, string? TermDuration, string? BillingCycle, string PromotionId);

/// <summary>The eligibilities of one item, by the request item's id.</summary>
internal sealed record WirePromotionEligibilities(int? Id, string? CatalogItemId, IReadOnlyList<WirePromotionEligibility>? Eligibilities);

/// <summary>One promotion's eligibility and, when not eligible, why (each error a <c>type</c>, a description and details).</summary>
internal sealed record WirePromotionEligibility(string? PromotionId, bool? IsEligible, IReadOnlyList<JsonElement>? Errors);

/// <summary>The reseller validation request and answer.</summary>
internal sealed record WireValidateResellersRequest(IReadOnlyList<string> PartnerIds);

internal sealed record WireValidateResellersResponse(IReadOnlyList<WireResellerValidation>? ValidationResults);

internal sealed record WireResellerValidation(string? PartnerId, bool? IsValidPartnerIdOnRecord, JsonElement? ErrorCode, string? ErrorDescription);
