namespace BatchOrders.PartnerCenter;

/// <summary>A created cart as Partner Center answers it: its id, expiry and each line's order group or error.</summary>
internal sealed record WireCartResponse(string? Id, DateTimeOffset? ExpirationTimestamp, string? Status, IReadOnlyList<WireCartLineItemResponse>? LineItems);

/// <summary>A cart line as answered: which order group it goes into, or why it cannot be bought.</summary>
internal sealed record WireCartLineItemResponse(int Id, string? CatalogItemId, int? Quantity, string? OrderGroup, WireCartError? Error);

/// <summary>A cart line's error: the <c>CartErrorCode</c> (its name, or a number) and a description.</summary>
internal sealed record WireCartError(System.Text.Json.JsonElement? ErrorCode, string? ErrorDescription);

/// <summary>A checkout's answer: the orders placed, one per order group, and the groups refused.</summary>
internal sealed record WireCheckoutResponse(IReadOnlyList<WireOrderResponse>? Orders, IReadOnlyList<WireOrderError>? OrderErrors);

/// <summary>An order group a checkout refused, with Partner Center's code and description.</summary>
internal sealed record WireOrderError(string? OrderGroupId, System.Text.Json.JsonElement? Code, string? Description);
