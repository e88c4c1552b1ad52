using BatchOrders.PartnerCenter;
using BatchOrders.Reading;
using BatchOrders.Runs;

namespace BatchOrders.Preflight;

/// <summary>
/// The preflight (docs/ARCHITECTURE.md, "Preflight"): every row checked against Partner Center's own data before
/// anything is sent, read-only. First every read the rows need, each once (<see cref="PreflightReads"/>), customers
/// side by side; then each row's checks (<see cref="RowChecks"/>), which may complete rows (today's availability,
/// a legacy add-on's order); then the promotions, with the catalog item ids that will be sent.
/// </summary>
internal sealed class PreflightCheck(PreflightReads reads, PreflightOptions options, int maxParallelCustomers)
{
    /// <summary>
    /// Runs the preflight of <paramref name="input"/>'s rows but <paramref name="skipped"/> (bought by an earlier run);
    /// <paramref name="ordersOfThisBatch"/> names a customer's orders the batch's journal placed (not warned about as existing).
    /// Reads kept by an earlier run are reused, but no finding rests on one: when one does, those reads are made again
    /// and the rows checked again. The reads that produced findings are forgotten, so a rerun makes them again too
    /// (docs/ARCHITECTURE.md, "Reads kept for a rerun").
    /// </summary>
    public async Task<PreflightResult> RunAsync(BatchInput input, IReadOnlySet<RowLocation> skipped, Func<string, IReadOnlySet<string>> ordersOfThisBatch, CancellationToken stop)
    {
        IReadOnlyList<OrderRow> rows = skipped.Count == 0 ? input.Read.Rows : [.. input.Read.Rows.Where(r => !skipped.Contains(r.Location))];
        var withFindings = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var (result, findings) = await CheckAsync(input.Read, rows, ordersOfThisBatch, stop);
            withFindings.UnionWith(findings.ReadsWithFindings);
            var reusedWithFindings = reads.Reused.Where(withFindings.Contains).ToList();
            if (result.Failure is null && reusedWithFindings.Count > 0)
            {
                reads.ReadAgain(reusedWithFindings);
                (result, findings) = await CheckAsync(input.Read, rows, ordersOfThisBatch, stop);
                withFindings.UnionWith(findings.ReadsWithFindings);
            }

            return result;
        }
        finally
        {
            // Also when stopped or failed: what was read stays kept for the rerun.
            reads.Keep(withFindings);
        }
    }

    /// <summary>One pass over the rows: every read they need (made, reused, or already made by this run), then the checks.</summary>
    private async Task<(PreflightResult Result, Findings Findings)> CheckAsync(ReadResult file, IReadOnlyList<OrderRow> rows, Func<string, IReadOnlySet<string>> ordersOfThisBatch, CancellationToken stop)
    {
        var findings = new Findings(file);
        var customers = rows.Select(r => r.CustomerId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var resellers = ReadResellersAsync(rows);
        var facts = new Dictionary<string, CustomerFacts>(StringComparer.OrdinalIgnoreCase);
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = maxParallelCustomers, CancellationToken = stop }, async (customer, _) =>
        {
            var read = await ReadCustomerAsync(customer, rows);
            lock (facts)
            {
                facts[customer] = read;
            }
        });

        if (facts.Values.Select(FailureOf).FirstOrDefault(f => f is not null) is { } readFailure)
        {
            return (Result(findings, readFailure), findings);
        }

        var checks = new RowChecks(reads, findings, facts, ordersOfThisBatch);
        foreach (var row in rows)
        {
            await checks.CheckAsync(row);
        }

        checks.ReportChecksNotMade();
        var resellerRead = await resellers;
        if (resellerRead is { Failed: true })
        {
            return (Result(findings, resellerRead.Failure), findings);
        }

        checks.CheckResellers(resellerRead?.Value);
        await checks.CheckPromotionsAsync(maxParallelCustomers, stop);
        return (Result(findings, findings.Failure), findings);
    }

    /// <summary>A read that got no answer (or whose credentials were refused) stops the preflight; an account status the sign-in may not read does not.</summary>
    private static PartnerCenterError? FailureOf(CustomerFacts facts) =>
        facts.Customer.Failure ?? (facts.AccountStatus is { Failed: true, Unauthorized: false } status ? status.Failure : null);

    private PreflightResult Result(Findings findings, PartnerCenterError? failure) =>
        new(findings.Errors, findings.Warnings, findings.OffersToSend, findings.ParentOrders, reads.Counts, failure) { Reused = reads.Reused.Count };

    /// <summary>The customer, then its account status, subscriptions and the catalog its rows need, side by side.</summary>
    private async Task<CustomerFacts> ReadCustomerAsync(string customerId, IReadOnlyList<OrderRow> rows)
    {
        var customer = await reads.Customer(customerId);
        if (customer.Value is not { } found || CustomerFacts.CountryOf(found) is not { } country)
        {
            return new CustomerFacts(customerId, customer, null, null, null);
        }

        var status = reads.ValidationStatus(customerId);
        var subscriptions = reads.Subscriptions(customerId);
        var catalog = rows.Where(r => string.Equals(r.CustomerId, customerId, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.OfferId).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(offer => CatalogItem.Parse(offer) is { } item
                ? Task.WhenAll(reads.Sku(country, item.ProductId, item.SkuId), reads.Availabilities(customerId, item.ProductId, item.SkuId))
                : reads.Offer(offer, country))
            .ToList();
        await Task.WhenAll([status, subscriptions, .. catalog]);
        var subscriptionList = await subscriptions;
        return new CustomerFacts(customerId, customer, country, await status, subscriptionList.Value?.Items ?? (subscriptionList.Failed ? null : []))
        {
            SubscriptionsKey = subscriptionList.Key,
        };
    }

    /// <summary>Every partner id on record in the file, validated in as few requests as the limit allows; null when there is none.</summary>
    private async Task<PartnerRead<WireValidateResellersResponse>?> ReadResellersAsync(IReadOnlyList<OrderRow> rows)
    {
        var ids = rows.Select(r => r.PartnerIdOnRecord).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var results = new List<WireResellerValidation>();
        foreach (var chunk in ids.Chunk(options.ResellersPerRequest))
        {
            var read = await reads.Resellers(chunk);
            if (read.Value is null)
            {
                return read;
            }

            results.AddRange(read.Value.ValidationResults ?? []);
        }

        return new PartnerRead<WireValidateResellersResponse>(new WireValidateResellersResponse(results), null, null);
    }
}
