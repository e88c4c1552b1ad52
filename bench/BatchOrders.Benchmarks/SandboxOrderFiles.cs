using System.Globalization;
using System.Text;
using BatchOrders.Sandbox.Catalog;

namespace BatchOrders.Benchmarks;

/// <summary>
/// Order files the seeded sandbox accepts in full, written from a seeded <see cref="Random"/>: a plain one (one
/// legacy order per customer) and a mixed one (both purchase paths and add-ons), with offers from the sandbox's own
/// catalog so every row is bought.
/// </summary>
internal static class SandboxOrderFiles
{
    /// <summary>Bump when the mixed file's content changes, so cached files of an older shape are not reused.</summary>
    /// <remarks>3: new-commerce add-ons, and catalog items as the next availability, the seeded one or <c>PRODUCT:SKU</c>.</remarks>
    public const int MixedVersion = 3;

    /// <summary>The header of the plain file.</summary>
    public const string PlainHeader = "CustomerId,OfferId,Quantity,BillingCycle,FriendlyName";

    /// <summary>The header of the mixed file.</summary>
    public const string MixedHeader = "CustomerId,OfferId,Quantity,BillingCycle,TermDuration,FriendlyName,ParentSubscriptionId,OrderId";

    // The highest quantity every offer used here allows (the Business plans stop at 300).
    private const int MaxQuantity = 300;

    private static readonly string[] PlainOffers =
    [
        "031C9E47-4802-4248-838E-778FB1D2CC05", // Office 365 E3
        "91FD106F-4B2C-4938-95AC-F54F74E9A239", // Office 365 E1
        "2B9C7E3D-5A1F-4D6E-8C2B-7A9E1F3D5C02", // Office 365 E5
        "4C1E8A2B-9D3F-4B7A-A5C6-2E8F1D9B3A03", // Exchange Online (Plan 1)
    ];

    /// <summary>One order per customer (a fresh GUID each), 1–<paramref name="maxLines"/> line items of distinct legacy offers, monthly.</summary>
    public static void WritePlain(string path, int orders, int seed, int maxLines)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(PlainHeader + "\n");
        var offers = Enumerable.Range(0, PlainOffers.Length).ToArray();
        for (var order = 0; order < orders; order++)
        {
            var customer = InputGenerator.NewGuid(random).ToString("D");
            random.Shuffle(offers);
            var lines = random.Next(1, maxLines + 1);
            for (var line = 0; line < lines; line++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{customer},{PlainOffers[offers[line]]},{random.Next(1, 500)},Monthly,Seats {order}-{line}\n"));
            }
        }
    }

    /// <summary>
    /// About <paramref name="orders"/> planned orders: new customers buying legacy offers (orders API), new-commerce
    /// catalog items with a term (cart path), or both in one billing cycle (two orders, one per path); legacy add-ons
    /// for the subscriptions of the sandbox's existing orders (PATCH into those orders), one customer in thirty, and
    /// new-commerce add-ons for its new-commerce subscriptions (a cart line with the parent), placed anywhere in the
    /// file so they are sent at any point of the batch. A catalog item is written as the availability the sandbox
    /// issues after its first rotation (most), as the seeded one, or as <c>PRODUCT:SKU</c>: the preflight resolves
    /// whichever is not today's.
    /// </summary>
    public static void WriteMixed(string path, int orders, int seed)
    {
        var random = new Random(seed);
        var catalog = SandboxCatalog.Seeded;
        // Offers the generated (United States, commercial) customers can buy: not retired, education-only or sold elsewhere.
        bool Sold(CatalogOffer offer) => offer.AllowsBillingCycle("monthly") && offer.AllowsBillingCycle("annual") && !offer.IsAddOn
            && offer.IsPurchasable && !offer.IsEducation && offer.IsSoldIn("US");
        var legacy = catalog.Offers.Where(o => !o.IsNewCommerce && Sold(o)).OrderBy(o => o.Id, StringComparer.Ordinal).ToArray();
        var newCommerce = catalog.Offers.Where(o => o.IsNewCommerce && Sold(o) && o.CheckoutRefusal is null).OrderBy(o => o.Id, StringComparer.Ordinal).ToArray();

        var blocks = new List<List<string>>();
        List<List<string>> addOnOrders = [.. AddOnBlocks(catalog, random, Math.Clamp(orders / 30, 1, catalog.ExistingOrders.Count)), .. NewCommerceAddOnBlocks(catalog, random)];
        var planned = addOnOrders.Count;
        var number = 0;
        while (planned < orders)
        {
            var customer = InputGenerator.NewGuid(random).ToString("D");
            var cycle = random.Next(3) == 0 ? "Annual" : "Monthly";
            var shape = random.Next(10);
            var both = shape >= 8 && orders - planned >= 2;
            var block = new List<string>();
            if (shape < 4 || both)
            {
                foreach (var offer in Pick(legacy, random, both ? 2 : 3))
                {
                    block.Add(Row(customer, offer, Quantity(offer, random), cycle, term: null, $"{offer.Name} - seats {++number}", null, null));
                }

                planned++;
            }

            if (shape >= 4)
            {
                foreach (var offer in Pick(newCommerce.Where(o => Terms(o, cycle).Length > 0).ToArray(), random, both ? 2 : 3))
                {
                    var terms = Terms(offer, cycle);
                    block.Add(Row(customer, offer, Quantity(offer, random), cycle, terms[random.Next(terms.Length)], $"{offer.Name} - seats {++number}", null, null, CatalogItemId(offer, random)));
                }

                planned++;
            }

            blocks.Add(block);
        }

        foreach (var block in addOnOrders)
        {
            blocks.Insert(random.Next(blocks.Count + 1), block);
        }

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write(MixedHeader + "\n");
        foreach (var line in blocks.SelectMany(b => b))
        {
            writer.Write(line + "\n");
        }
    }

    /// <summary>For <paramref name="count"/> of the existing orders: one or two add-ons each for their active subscriptions' offers, in the order's billing cycle.</summary>
    private static List<List<string>> AddOnBlocks(SandboxCatalog catalog, Random random, int count)
    {
        var blocks = new List<List<string>>();
        foreach (var existing in catalog.ExistingOrders.Take(count))
        {
            var cycle = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(existing.BillingCycle);
            var choices = existing.LineItems
                .Where(line => !catalog.SubscriptionStatuses.ContainsKey(line.SubscriptionId))
                .SelectMany(line => catalog.Offers
                    .Where(o => !o.IsNewCommerce && o.AttachesTo(line.OfferId) && o.AllowsBillingCycle(existing.BillingCycle))
                    .OrderBy(o => o.Id, StringComparer.Ordinal)
                    .Select(o => (Offer: o, Parent: line)))
                .ToArray();
            random.Shuffle(choices);
            var block = choices.Take(random.Next(1, 3))
                .Select(c => Row(existing.CustomerId.ToString("D"), c.Offer, Quantity(c.Offer, random), cycle, term: null,
                    $"{c.Offer.Name} add-on", c.Parent.SubscriptionId.ToString("D"), existing.OrderId))
                .ToList();
            if (block.Count > 0)
            {
                blocks.Add(block);
            }
        }

        return blocks;
    }

    /// <summary>One new-commerce add-on for each active new-commerce subscription of the existing orders, in the order's billing cycle.</summary>
    private static List<List<string>> NewCommerceAddOnBlocks(SandboxCatalog catalog, Random random)
    {
        var blocks = new List<List<string>>();
        foreach (var existing in catalog.ExistingOrders)
        {
            var cycle = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(existing.BillingCycle);
            var choices = existing.LineItems
                .Where(line => !catalog.SubscriptionStatuses.ContainsKey(line.SubscriptionId))
                .SelectMany(line => catalog.Offers
                    .Where(o => o.IsNewCommerce && o.AttachesTo(line.OfferId) && Terms(o, cycle).Length > 0)
                    .OrderBy(o => o.Id, StringComparer.Ordinal)
                    .Select(o => (Offer: o, Parent: line)))
                .ToArray();
            if (choices.Length > 0)
            {
                var (offer, parent) = choices[random.Next(choices.Length)];
                var terms = Terms(offer, cycle);
                blocks.Add([Row(existing.CustomerId.ToString("D"), offer, Quantity(offer, random), cycle, terms[random.Next(terms.Length)],
                    $"{offer.Name} add-on", parent.SubscriptionId.ToString("D"), orderId: null, CatalogItemId(offer, random))]);
            }
        }

        return blocks;
    }

    /// <summary>
    /// How a sheet prepared ahead names a catalog item: mostly the availability the sandbox issues after its first
    /// rotation (the chaos harness rotates once before the first run), else the seeded one or <c>PRODUCT:SKU</c>.
    /// </summary>
    private static string CatalogItemId(CatalogOffer offer, Random random) => random.Next(10) switch
    {
        < 6 => $"{offer.ProductSku}:{AvailabilityRotation.AvailabilityId(offer, 1)}",
        < 8 => offer.Id,
        _ => offer.ProductSku,
    };

    private static CatalogOffer[] Pick(CatalogOffer[] offers, Random random, int most)
    {
        var shuffled = offers.ToArray();
        random.Shuffle(shuffled);
        return shuffled[..Math.Min(shuffled.Length, random.Next(1, most + 1))];
    }

    /// <summary>The terms the offer sells that go with the billing cycle (P1M is billed monthly; P1Y monthly or annually).</summary>
    private static string[] Terms(CatalogOffer offer, string cycle)
    {
        string[] terms = cycle == "Monthly" ? ["P1M", "P1Y"] : ["P1Y"];
        return [.. terms.Where(offer.AllowsTermDuration)];
    }

    private static int Quantity(CatalogOffer offer, Random random) =>
        random.Next(offer.MinQuantity, Math.Min(offer.MaxQuantity, MaxQuantity) + 1);

    private static string Row(string customer, CatalogOffer offer, int quantity, string cycle, string? term, string name, string? parent, string? orderId, string? offerId = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{customer},{offerId ?? offer.Id},{quantity},{cycle},{term},{name.Replace(',', ' ')},{parent},{orderId}");
}
