using System.Globalization;
using System.Text.Json;
using BatchOrders.PartnerCenter;
using BatchOrders.Reading;

namespace BatchOrders.Preflight;

/// <summary>
/// The checks of one row against what was read (every read here is already made, or cached): the customer, the
/// offer (new commerce: product, SKU, today's availability, term, quantity, add-on; legacy: still sold, quantity,
/// add-on), the add-on's parent subscription, then across rows the resellers and the promotions. Each finding sits
/// on the column it concerns and says what would be valid.
/// </summary>
internal sealed class RowChecks(PreflightReads reads, Findings findings, IReadOnlyDictionary<string, CustomerFacts> facts, Func<string, IReadOnlySet<string>> ordersOfThisBatch)
{
    private static readonly string[] ExistingStatuses = ["active", "pending", "suspended"];

    private readonly List<(OrderRow Row, string CatalogItemId)> _promotions = [];
    private readonly List<OrderRow> _checkedRows = [];
    private bool _accountStatusNotRead;

    public async Task CheckAsync(OrderRow row)
    {
        var customer = facts[row.CustomerId];
        if (!CheckCustomer(row, customer))
        {
            return;
        }

        var offerId = CatalogItem.Parse(row.OfferId) is { } item
            ? await CheckNewCommerceAsync(row, customer, item)
            : await CheckLegacyAsync(row, customer);
        if (offerId is not null && row.PromotionId is not null && CatalogItem.Parse(offerId) is not null)
        {
            _promotions.Add((row, offerId));
        }
    }

    /// <summary>The one warning for an account status the sign-in may not read (app-only: the API is app+user only).</summary>
    public void ReportChecksNotMade()
    {
        if (_accountStatusNotRead)
        {
            findings.FileWarning("Check not made: the customers' account validation status was not read, because Partner Center answers it to an app+user sign-in only (this run signed in app-only). An account under review is refused when it is ordered for.");
        }
    }

    public void CheckResellers(WireValidateResellersResponse? validation)
    {
        var results = (validation?.ValidationResults ?? []).Where(r => r.PartnerId is not null)
            .GroupBy(r => r.PartnerId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var row in _checkedRows.Where(r => r.PartnerIdOnRecord is not null))
        {
            if (results.GetValueOrDefault(row.PartnerIdOnRecord!) is { IsValidPartnerIdOnRecord: false } invalid)
            {
                findings.Error(row, InputColumn.PartnerIdOnRecord, row.PartnerIdOnRecord,
                    $"{row.PartnerIdOnRecord} is not a valid indirect reseller to name as partner of record: {invalid.ErrorDescription ?? "Partner Center says it is not"}" +
                    $"{(WireAnswers.CodeText(invalid.ErrorCode) is { } code ? $" ({code})" : "")}. Use the reseller's Partner Center id (PartnerIdOnRecord), or leave it empty.", []);
            }
        }
    }

    /// <summary>The rows' promotions, one eligibility request per customer with the catalog item ids that will be sent.</summary>
    public async Task CheckPromotionsAsync(int parallel, CancellationToken stop)
    {
        var byCustomer = _promotions.GroupBy(p => p.Row.CustomerId, StringComparer.OrdinalIgnoreCase).ToList();
        await Parallel.ForEachAsync(byCustomer, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = stop }, async (group, _) =>
        {
            var items = group.ToList();
            var request = new WirePromotionEligibilitiesRequest([.. items.Select((p, i) => new WirePromotionEligibilitiesItem(
                i, p.CatalogItemId, p.Row.Quantity, p.Row.TermDuration, p.Row.BillingCycle?.ToWireValue(), p.Row.PromotionId!))]);
            var read = await reads.Eligibilities(group.Key, request);
            if (read.Value is null)
            {
                if (read.Failed)
                {
                    findings.Fail(read.Failure);
                }
                else
                {
                    foreach (var (row, _) in items)
                    {
                        findings.Error(row, InputColumn.PromotionId, row.PromotionId, $"The promotion could not be checked: {read.Refusal!.Description}", [read.Key]);
                    }
                }

                return;
            }

            foreach (var answer in read.Value.Items ?? [])
            {
                if (answer.Id is not { } index || index < 0 || index >= items.Count)
                {
                    continue;
                }

                var row = items[index].Row;
                var eligibility = answer.Eligibilities?.FirstOrDefault(e => string.Equals(e.PromotionId?.Trim(), row.PromotionId, StringComparison.OrdinalIgnoreCase))
                    ?? (answer.Eligibilities is { Count: > 0 } all ? all[0] : null);
                if (eligibility is { IsEligible: false })
                {
                    findings.Error(row, InputColumn.PromotionId, row.PromotionId,
                        $"Promotion {row.PromotionId} does not apply to this row: {string.Join(" ", (eligibility.Errors ?? []).Select(PromotionReason))}", [read.Key]);
                }
            }
        });
    }

    /// <summary>The customer is the partner's and may transact; every row of a customer that is not gets the finding.</summary>
    private bool CheckCustomer(OrderRow row, CustomerFacts customer)
    {
        _checkedRows.Add(row);
        if (customer.Customer.Refusal is { } refused)
        {
            findings.Error(row, InputColumn.CustomerId, row.CustomerId, refused.Code switch
            {
                PartnerCenterCodes.NoCommerceRelationship =>
                    $"Customer {row.CustomerId} is not one of your customers: Partner Center has no commerce relationship between you and this tenant ({refused.Code}). Check the tenant id, or ask the customer to accept your reseller relationship.",
                _ when refused.HttpStatus == 404 =>
                    $"Customer {row.CustomerId} was not found in Partner Center ({refused.Code ?? "404"}): check the customer's tenant id (Microsoft ID on the customer's Account page).",
                _ => $"Customer {row.CustomerId} could not be read: {refused.Description} ({refused.Code ?? refused.HttpStatus.ToString(CultureInfo.InvariantCulture)}).",
            }, [customer.Customer.Key]);
            return false;
        }

        if (!customer.IsKnown)
        {
            findings.Error(row, InputColumn.CustomerId, row.CustomerId,
                $"Customer {row.CustomerId} has no country on its billing profile, so what it may buy cannot be checked: complete the customer's billing profile in Partner Center.", [customer.Customer.Key]);
            return false;
        }

        switch (customer.AccountStatus)
        {
            case { Unauthorized: true }:
                _accountStatusNotRead = true;
                break;
            case { Value.Status: { } status } when status is "UnderReview" or "NotAllowed" or "Unknown":
                findings.Error(row, InputColumn.CustomerId, row.CustomerId, status switch
                {
                    "UnderReview" => $"Customer {row.CustomerId}'s account is under review: Partner Center refuses its orders until it is Allowed (800073). Check back in a few days.",
                    "NotAllowed" => $"Customer {row.CustomerId}'s account was not approved: Partner Center refuses transactions for it (800075). Verify the customer's account information.",
                    _ => $"Customer {row.CustomerId}'s account validation status is Unknown: Partner Center refuses its orders until it is Allowed (800074).",
                }, [customer.AccountStatus.Key]);
                return false;
        }

        return true;
    }

    /// <summary>A new-commerce row: the catalog item id to buy (today's), or null when the row cannot be bought.</summary>
    private async Task<string?> CheckNewCommerceAsync(OrderRow row, CustomerFacts customer, CatalogItem item)
    {
        var sku = await reads.Sku(customer.Country!, item.ProductId, item.SkuId);
        if (sku.Value is null)
        {
            return Refused(row, sku, sku.Code switch
            {
                PartnerCenterCodes.ProductNotFound => $"Product {item.ProductId} is not in Partner Center's new-commerce catalog ({sku.Code}): check the product id (the first part of PRODUCT:SKU:AVAILABILITY).",
                PartnerCenterCodes.SkuNotFound => $"Product {item.ProductId} has no SKU {item.SkuId} ({sku.Code}): check the SKU (the second part of PRODUCT:SKU:AVAILABILITY).",
                _ => $"{item.ProductSku} could not be read from the catalog: {sku.Refusal?.Description}",
            });
        }

        var list = await reads.Availabilities(row.CustomerId, item.ProductId, item.SkuId);
        if (list.Value is null)
        {
            return Refused(row, list, $"The availabilities of {item.ProductSku} could not be read: {list.Refusal?.Description}");
        }

        var availabilities = list.Value.Items ?? [];
        if (availabilities.Count == 0)
        {
            var (why, country) = await NotSoldAsync(customer, item);
            findings.Error(row, InputColumn.OfferId, row.OfferId, why, [list.Key, country]);
            return null;
        }

        var (chosen, single) = await ChooseAvailabilityAsync(row, item, availabilities, list.Key);
        if (chosen is null)
        {
            return null;
        }

        if (chosen.IsPurchasable == false)
        {
            findings.Error(row, InputColumn.OfferId, row.OfferId, $"{chosen.CatalogItemId} is in the catalog but can no longer be bought (isPurchasable is false): choose another SKU.", [list.Key, single]);
            return null;
        }

        var ok = CheckQuantity(row, sku.Value.MinimumQuantity, sku.Value.MaximumQuantity, $"{item.ProductSku} ({sku.Value.Title})", sku.Key);
        var (isAddOn, prerequisites) = AddOnFacts(sku.Value);
        ok &= CheckParent(row, customer, isAddOn, prerequisites, legacy: false, sku.Key);
        if (!isAddOn)
        {
            WarnIfOwned(row, customer, s => string.Equals(CatalogItem.ProductSkuOf(s.OfferId ?? ""), item.ProductSku, StringComparison.OrdinalIgnoreCase));
        }

        return ok ? chosen.CatalogItemId : null;
    }

    /// <summary>
    /// Today's availability for the row: the one it names, when that is still today's; else (stale, or none named)
    /// the only one selling the row's term and billing cycle, as a warning; an error when none or several do. With it,
    /// the key of the read of that one availability, when it was read on its own.
    /// </summary>
    private async Task<(WireAvailability? Chosen, string? SingleKey)> ChooseAvailabilityAsync(OrderRow row, CatalogItem item, IReadOnlyList<WireAvailability> availabilities, string? listKey)
    {
        if (row.TermDuration is null)
        {
            findings.Error(row, InputColumn.TermDuration, string.Empty,
                $"TermDuration is empty: a new-commerce licence is bought for a term. {item.ProductSku} sells {Terms(availabilities)}.", [listKey]);
            return (null, null);
        }

        var cycle = row.BillingCycle?.ToWireValue();
        var named = item.AvailabilityId is { } id ? availabilities.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase)) : null;
        if (named is not null)
        {
            if (Sells(named, row.TermDuration, cycle))
            {
                return (named, null);
            }

            // A list can hold fewer terms than the availability itself: the one availability decides.
            var single = await reads.Availability(row.CustomerId, item.ProductId, item.SkuId, named.Id!);
            if (single.Value is { } full && Sells(full, row.TermDuration, cycle))
            {
                return (full with { CatalogItemId = full.CatalogItemId ?? named.CatalogItemId }, single.Key);
            }

            TermError(row, item, single.Value ?? named, [listKey, single.Key]);
            return (null, null);
        }

        var matching = availabilities.Where(a => Sells(a, row.TermDuration, cycle)).ToList();
        switch (matching.Count)
        {
            case 1:
                var today = matching[0];
                findings.SendInstead(row, today.CatalogItemId!);
                findings.Warning(row, InputColumn.OfferId, row.OfferId, item.AvailabilityId is null
                    ? $"{row.OfferId} names no availability: today's for this customer with {row.TermDuration} billed {cycle} is {today.CatalogItemId}, which will be bought."
                    : $"The availability {item.AvailabilityId} of {item.ProductSku} is no longer current (Partner Center reissues availability ids): today's for this customer with {row.TermDuration} billed {cycle} is {today.CatalogItemId}, which will be bought.", [listKey]);
                return (today, null);
            case 0:
                TermError(row, item, availabilities.Count == 1 ? availabilities[0] : null, [listKey], availabilities);
                return (null, null);
            default:
                findings.Error(row, InputColumn.OfferId, row.OfferId,
                    $"Several of today's availabilities of {item.ProductSku} sell {row.TermDuration} billed {cycle}: write the one to buy as PRODUCT:SKU:AVAILABILITY — {string.Join(", ", matching.Select(a => a.CatalogItemId))}.", [listKey]);
                return (null, null);
        }
    }

    private void TermError(OrderRow row, CatalogItem item, WireAvailability? availability, ReadOnlySpan<string?> from, IReadOnlyList<WireAvailability>? all = null)
    {
        var sold = Terms(all ?? (availability is null ? [] : [availability]));
        var cycle = row.BillingCycle?.ToWireValue();
        var termSold = (all ?? (availability is null ? [] : [availability])).SelectMany(a => a.Terms ?? [])
            .Any(t => string.Equals(t.Duration, row.TermDuration, StringComparison.OrdinalIgnoreCase));
        if (termSold)
        {
            findings.Error(row, InputColumn.BillingCycle, row.BillingCycle?.ToString() ?? string.Empty,
                $"{item.ProductSku} does not sell {row.TermDuration} billed {cycle ?? "(no billing cycle)"} in this customer's country: it sells {sold}.", from);
        }
        else
        {
            findings.Error(row, InputColumn.TermDuration, row.TermDuration,
                $"{item.ProductSku} does not sell the term {row.TermDuration} in this customer's country: it sells {sold}.", from);
        }
    }

    /// <summary>Why a customer's list of a SKU's availabilities is empty (the country, or the segment), and the key of the read that says so.</summary>
    private async Task<(string Why, string? Key)> NotSoldAsync(CustomerFacts customer, CatalogItem item)
    {
        var country = await reads.CountryAvailabilities(customer.Country!, item.ProductId, item.SkuId);
        var segments = (country.Value?.Items ?? []).Select(a => a.Segment).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return (segments.Count == 0
            ? $"{item.ProductSku} is not sold in the customer's country ({customer.Country}): Partner Center has no availability of it there."
            : $"{item.ProductSku} is sold to the {string.Join(" and ", segments)} segment only in {customer.Country}, and customer {customer.CustomerId} does not qualify for it (see the customer's qualifications).", country.Key);
    }

    /// <summary>A legacy row: its offer id, or null when the row cannot be bought.</summary>
    private async Task<string?> CheckLegacyAsync(OrderRow row, CustomerFacts customer)
    {
        var read = await reads.Offer(row.OfferId, customer.Country!);
        if (read.Value is not { } offer)
        {
            return Refused(row, read, read.Refusal?.HttpStatus == 404
                ? $"Offer {row.OfferId} is not sold in the customer's country ({customer.Country}), or is not a Partner Center offer: check the offer id, or buy its new-commerce product (PRODUCT:SKU:AVAILABILITY)."
                : $"Offer {row.OfferId} could not be read: {read.Refusal?.Description} ({read.Code}).");
        }

        if (offer.IsAvailableForPurchase == false)
        {
            findings.Error(row, InputColumn.OfferId, row.OfferId,
                $"Offer {row.OfferId} ({offer.Name}) is no longer available for purchase (2091): most legacy licence offers are no longer sold; buy its new-commerce product (PRODUCT:SKU:AVAILABILITY).", [read.Key]);
            return null;
        }

        var ok = CheckQuantity(row, offer.MinimumQuantity, offer.Limit is > 0 && offer.Limit < offer.MaximumQuantity ? offer.Limit : offer.MaximumQuantity, $"{row.OfferId} ({offer.Name})", read.Key);
        ok &= CheckParent(row, customer, offer.IsAddOn == true, offer.PrerequisiteOffers ?? [], legacy: true, read.Key);
        if (offer.IsAddOn != true)
        {
            WarnIfOwned(row, customer, s => string.Equals(s.OfferId, row.OfferId, StringComparison.OrdinalIgnoreCase));
        }

        return ok ? row.OfferId : null;
    }

    private bool CheckQuantity(OrderRow row, int? minimum, int? maximum, string what, string? catalogKey)
    {
        if ((minimum is { } min && row.Quantity < min) || (maximum is { } max && row.Quantity > max))
        {
            findings.Error(row, InputColumn.Quantity, row.Quantity.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
                $"{what} is sold in quantities from {minimum ?? 1} to {maximum?.ToString("N0", CultureInfo.InvariantCulture) ?? "any number"}; {row.Quantity:N0} is outside that."), [catalogKey]);
            return false;
        }

        return true;
    }

    /// <summary>
    /// An add-on names an active parent subscription of this customer, of a base it attaches to; a legacy add-on's
    /// order is taken from it. The add-on facts come from the catalog read <paramref name="catalogKey"/>.
    /// </summary>
    private bool CheckParent(OrderRow row, CustomerFacts customer, bool isAddOn, IReadOnlyList<string> bases, bool legacy, string? catalogKey)
    {
        if (!isAddOn)
        {
            if (row.ParentSubscriptionId is not null)
            {
                findings.Error(row, InputColumn.ParentSubscriptionId, row.ParentSubscriptionId,
                    $"{row.OfferId} is not an add-on, so it has no parent subscription: clear ParentSubscriptionId (and OrderId) to buy it as a subscription of its own.", [catalogKey]);
                return false;
            }

            return true;
        }

        var baseNames = bases.Count == 0 ? "its base offer" : string.Join(" or ", bases);
        if (row.ParentSubscriptionId is not { } parentId)
        {
            findings.Error(row, InputColumn.ParentSubscriptionId, string.Empty,
                $"{row.OfferId} is an add-on: ParentSubscriptionId must name the customer's active subscription of {baseNames} it attaches to.", [catalogKey]);
            return false;
        }

        if (customer.Subscriptions is null)
        {
            findings.Fail(new PartnerCenterError(0, null, $"The subscriptions of customer {customer.CustomerId} could not be read."));
            return false;
        }

        if (customer.Subscription(parentId) is not { } parent)
        {
            var owner = facts.Values.FirstOrDefault(f => f.Subscription(parentId) is not null);
            findings.Error(row, InputColumn.ParentSubscriptionId, parentId, owner is not null
                ? $"Subscription {parentId} belongs to customer {owner.CustomerId}, not to {row.CustomerId}: an add-on attaches to a subscription of the same customer."
                : $"Customer {row.CustomerId} has no subscription {parentId}: check the parent subscription's id (its customer's subscriptions in Partner Center).",
                [customer.SubscriptionsKey, owner?.SubscriptionsKey]);
            return false;
        }

        if (!string.Equals(parent.Status, "active", StringComparison.OrdinalIgnoreCase))
        {
            findings.Error(row, InputColumn.ParentSubscriptionId, parentId,
                $"The parent subscription {parentId} ({parent.OfferName ?? parent.OfferId}) is {parent.Status}: an add-on can only be added to an active subscription.", [customer.SubscriptionsKey]);
            return false;
        }

        var parentBase = legacy ? parent.OfferId : CatalogItem.ProductSkuOf(parent.OfferId ?? "");
        if (bases.Count > 0 && !bases.Any(b => string.Equals(legacy ? b : CatalogItem.ProductSkuOf(b), parentBase, StringComparison.OrdinalIgnoreCase)))
        {
            findings.Error(row, InputColumn.ParentSubscriptionId, parentId,
                $"The parent subscription {parentId} is of {parent.OfferId} ({parent.OfferName}); {row.OfferId} is an add-on of {baseNames} only.", [customer.SubscriptionsKey, catalogKey]);
            return false;
        }

        if (legacy && row.OrderId is null && parent.OrderId is { } parentOrder)
        {
            findings.AddToOrder(row, parentOrder);
        }
        else if (legacy && row.OrderId is not null && parent.OrderId is { } inOrder && !string.Equals(row.OrderId, inOrder, StringComparison.Ordinal))
        {
            findings.Error(row, InputColumn.OrderId, row.OrderId,
                $"The parent subscription {parentId} is in order {inOrder}, not {row.OrderId}: an add-on is added to its parent's order (or leave OrderId empty to take it from the parent).", [customer.SubscriptionsKey]);
            return false;
        }

        return true;
    }

    /// <summary>A warning when the customer already has a subscription to the row's product (that this batch did not buy).</summary>
    private void WarnIfOwned(OrderRow row, CustomerFacts customer, Func<WireSubscription, bool> same)
    {
        var ours = ordersOfThisBatch(row.CustomerId);
        var owned = (customer.Subscriptions ?? [])
            .Where(s => same(s) && ExistingStatuses.Contains(s.Status, StringComparer.OrdinalIgnoreCase) && (s.OrderId is null || !ours.Contains(s.OrderId)))
            .ToList();
        if (owned.Count > 0)
        {
            var first = owned[0];
            findings.Warning(row, InputColumn.OfferId, row.OfferId, string.Create(CultureInfo.InvariantCulture,
                $"Customer {row.CustomerId} already has {(owned.Count == 1 ? "a subscription" : $"{owned.Count} subscriptions")} to {first.OfferName ?? first.OfferId}: {first.Id} ({first.Status}, {first.Quantity} licences). Buying again adds a subscription; to add licences, change the quantity of the existing one instead."), [customer.SubscriptionsKey]);
        }
    }

    /// <summary>Records a refused read as the row's error on OfferId (or the run's failure when nothing answered); null.</summary>
    private string? Refused<T>(OrderRow row, PartnerRead<T> read, string message)
        where T : class
    {
        if (read.Failed)
        {
            findings.Fail(read.Failure);
        }
        else
        {
            findings.Error(row, InputColumn.OfferId, row.OfferId, message, [read.Key]);
        }

        return null;
    }

    private static (bool IsAddOn, IReadOnlyList<string> Prerequisites) AddOnFacts(WireSku sku)
    {
        var isAddOn = sku.IsAddon;
        IReadOnlyList<string>? prerequisites = sku.PrerequisiteSkus;
        if (sku.DynamicAttributes is { ValueKind: JsonValueKind.Object } attributes)
        {
            foreach (var property in attributes.EnumerateObject())
            {
                if (string.Equals(property.Name, "isAddon", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    isAddOn ??= property.Value.GetBoolean();
                }
                else if (string.Equals(property.Name, "prerequisiteSkus", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    prerequisites ??= [.. property.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];
                }
            }
        }

        return (isAddOn ?? false, prerequisites ?? []);
    }

    private static bool Sells(WireAvailability availability, string term, string? cycle) =>
        (availability.Terms ?? []).Any(t => string.Equals(t.Duration, term, StringComparison.OrdinalIgnoreCase)
                                           && (cycle is null || string.Equals(t.BillingCycle, cycle, StringComparison.OrdinalIgnoreCase)));

    /// <summary>"P1M billed monthly; P1Y billed monthly or annual", the terms a list of availabilities sells.</summary>
    private static string Terms(IReadOnlyList<WireAvailability> availabilities)
    {
        var terms = availabilities.SelectMany(a => a.Terms ?? []).Where(t => t.Duration is not null)
            .GroupBy(t => t.Duration!.ToUpperInvariant())
            .Select(g => $"{g.Key} billed {string.Join(" or ", g.Select(t => t.BillingCycle).Distinct(StringComparer.OrdinalIgnoreCase))}")
            .ToList();
        return terms.Count == 0 ? "no term" : string.Join("; ", terms);
    }

    /// <summary>A promotion eligibility error in words, whichever spelling of its details the service used.</summary>
    private static string PromotionReason(JsonElement error)
    {
        string? Text(params string[] names)
        {
            foreach (var property in error.EnumerateObject())
            {
                if (names.Any(n => string.Equals(property.Name, n, StringComparison.OrdinalIgnoreCase)))
                {
                    return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                }
            }

            return null;
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return "not eligible.";
        }

        var type = Text("type") ?? "NotEligible";
        var description = Text("description");
        var detail = type switch
        {
            "SeatCount" => $"seats from {Text("minimumRequiredSeats", "minRequiredSeats") ?? "1"} to {Text("maximumRequiredSeats", "maxRequiredSeats") ?? "any number"}",
            "Term" => $"eligible terms {Text("eligibleTerms")}",
            "OfferPurchasedPreviously" or "FirstPurchase" => "a first purchase only",
            "RedemptionLimit" => $"redemptions left {Text("remainingPromotionRedemptionCount") ?? "0"}",
            _ => null,
        };
        return $"{type}{(detail is null ? "" : $" ({detail})")}{(description is null ? "" : $": {description}")}";
    }
}
