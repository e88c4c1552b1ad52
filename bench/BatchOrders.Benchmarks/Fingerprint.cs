using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BatchOrders.Planning;
using BatchOrders.Reading;

namespace BatchOrders.Benchmarks;

/// <summary>
/// A canonical dump of everything reading and planning produce for a set of files (rows, cells, every error
/// message, order, group and family keys, paths, line items), and its SHA-256. Run before and after a performance change to the library:
/// equal hashes mean the change kept the behaviour. "--fingerprint DUMP [FILE ...]"; without files it uses the
/// sample data, generated inputs and a generated file full of mistakes.
/// </summary>
internal static class Fingerprint
{
    public static int Run(BenchSettings settings, string dumpPath, IReadOnlyList<string> files)
    {
        if (files.Count == 0)
        {
            files = DefaultFiles(settings);
        }

        using (var dump = new StreamWriter(dumpPath, append: false, new UTF8Encoding(false)))
        {
            dump.NewLine = "\n";
            foreach (var file in files)
            {
                Write(dump, file);
            }
        }

        using var stream = File.OpenRead(dumpPath);
        Console.WriteLine($"{Convert.ToHexStringLower(SHA256.HashData(stream))}  {files.Count} files, dump in {dumpPath}");
        return 0;
    }

    private static void Write(StreamWriter dump, string path)
    {
        var read = SpreadsheetReader.Read(path);
        var plan = OrderPlanner.Plan(path, read.Rows);
        var plainPath = Path.GetFileName(path);
        dump.WriteLine($"FILE {plainPath} sheet={read.Sheet} dataRows={read.DataRowCount} valid={read.IsValid}");
        dump.WriteLine($"PROBLEM {read.Problem?.Message}");
        dump.WriteLine($"HEADERS {string.Join('|', read.Headers)}");
        foreach (var error in read.Errors.Concat(plan.Errors))
        {
            dump.WriteLine($"ERROR {Path.GetFileName(error.File)}|{error.Sheet}|{error.Row}|{error.Column}|{error.Value}|{error.Message}|{error.Place}");
        }

        foreach (var row in read.Rows)
        {
            dump.WriteLine(
                $"ROW {row.Location.Sheet}|{row.Location.Row}|{row.CustomerId}|{row.OfferId}|{row.Quantity.ToString(CultureInfo.InvariantCulture)}|" +
                $"{row.BillingCycle}|{row.FriendlyName}|{row.ParentSubscriptionId}|{row.OrderId}|{row.TermDuration}|{row.PromotionId}|" +
                $"{row.PartnerIdOnRecord}|{row.OrderGroup}|{row.IsAddOn}|{string.Join('\u241F', row.Cells)}");
        }

        foreach (var order in plan.Orders)
        {
            dump.WriteLine(
                $"ORDER {order.OrderKey}|{order.GroupKey}|{order.FamilyKey}|{order.Path}|{order.Part.ToString(CultureInfo.InvariantCulture)}|{order.CustomerId}|{order.BillingCycle}|{order.OrderId}|{order.OrderGroup}|{order.IsAddOn}|" +
                string.Join(',', order.LineItems.Select(i => $"{i.LineItemNumber.ToString(CultureInfo.InvariantCulture)}@{i.Row.Location.Row.ToString(CultureInfo.InvariantCulture)}")));
        }

        // Small orders and duplicates allowed: the splitting of large groups into parts, and the other path; then
        // every order forced through carts (add-ons stay on the orders API).
        var split = OrderPlanner.Plan(path, read.Rows, new PlanningOptions { MaxLineItemsPerOrder = 2, AllowDuplicates = true });
        WriteOrders(dump, "SPLIT", split);
        dump.WriteLine($"SPLITERRORS {split.Errors.Count}");
        var carts = OrderPlanner.Plan(path, read.Rows, new PlanningOptions { MaxLineItemsPerOrder = 3, Path = PurchasePathChoice.Cart });
        WriteOrders(dump, "CART", carts);
        var summary = plan.Summarize();
        dump.WriteLine(
            $"SUMMARY {summary.Customers}|{summary.Orders}|{summary.AddOnOrders}|{summary.LineItems}|{summary.TotalQuantity}|" +
            string.Join(',', summary.Offers.Select(o => $"{o.OfferId}:{o.LineItems}:{o.Quantity}")));
    }

    private static void WriteOrders(StreamWriter dump, string label, OrderPlan plan)
    {
        foreach (var order in plan.Orders)
        {
            dump.WriteLine(
                $"{label} {order.OrderKey}|{order.GroupKey}|{order.FamilyKey}|{order.Path}|{order.Part.ToString(CultureInfo.InvariantCulture)}|{order.CustomerId}|{order.BillingCycle}|{order.OrderGroup}|" +
                string.Join(',', order.LineItems.Select(i => $"{i.LineItemNumber.ToString(CultureInfo.InvariantCulture)}@{i.Row.Location.Row.ToString(CultureInfo.InvariantCulture)}")));
        }
    }

    private static List<string> DefaultFiles(BenchSettings settings)
    {
        var root = BenchPaths.RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "sample-data")).Order(StringComparer.Ordinal).ToList();
        files.Add(settings.Inputs.Csv(10_000, settings.Seed));
        files.Add(settings.Inputs.Xlsx(2_000, settings.Seed));
        files.Add(WriteMistakes(settings.DataFolder, settings.Seed));
        files.Add(WriteCrowdedCustomers(settings.DataFolder, settings.Seed));
        return files;
    }

    /// <summary>
    /// A CSV where two customers have hundreds of rows each: many offers (some twice), cycles and order groups per
    /// customer, so planning's per-customer lookups and duplicate checks go past any small-table fast path.
    /// </summary>
    private static string WriteCrowdedCustomers(string folder, int seed)
    {
        var path = Path.Combine(folder, $"crowded-s{seed}.csv");
        string[] customers = ["3aaed436-90d2-58e4-7b57-982f7dc25046", "D98505F6-AEBF-4A69-4577-D60591662C38", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"];
        string[] cycles = [string.Empty, "Monthly", "Annual", "triennial"];
        var random = new Random(seed);
        var builder = new StringBuilder();
        builder.Append("CustomerId,OfferId,Quantity,BillingCycle,FriendlyName,ParentSubscriptionId,OrderId,OrderGroup\r\n");
        for (var i = 0; i < 1_500; i++)
        {
            var addOn = random.Next(10) == 0;
            string[] cells =
            [
                customers[random.Next(customers.Length)],
                random.Next(2) == 0
                    ? $"{random.Next(120):X8}-4b2c-4938-95ac-f54f74e9a239"
                    : $"CFQ7TTC0{random.Next(100):D4}:0001:CFQ7TTC0K5DM",
                (1 + random.Next(500)).ToString(CultureInfo.InvariantCulture),
                cycles[random.Next(cycles.Length)],
                $"Seat {i}",
                addOn ? $"{random.Next(8):X8}-3fc6-4e42-8acf-08df4f81c93c" : string.Empty,
                addOn ? $"Order{random.Next(30)}" : string.Empty,
                random.Next(3) == 0 ? string.Empty : $"wave-{random.Next(25)}".ToUpperInvariant() + (random.Next(2) == 0 ? string.Empty : "x"),
            ];
            builder.AppendJoin(',', cells).Append("\r\n");
        }

        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>A CSV with a mistake of every kind the parser knows, spread over 5,000 rows, with aliases for headers.</summary>
    private static string WriteMistakes(string folder, int seed)
    {
        var path = Path.Combine(folder, $"mistakes-s{seed}.csv");
        string[] customers = ["not-a-guid", string.Empty, "00000000-0000-0000-0000-000000000000", "{B3C4D5E6-1234-4ABC-9DEF-0123456789AB}", "b3c4d5e6-1234-4abc-9def-0123456789ab", "B3C4D5E6123449ABC9DEF0123456789AB"];
        string[] offers = [string.Empty, "CFQ7TTC0LF8Q:0001", "cfq7ttc0lf8q:0001:cfq7ttc0k5dm", "031C9E47-4802-4248-838E-778FB1D2CC05", "00000000-0000-0000-0000-000000000000", "CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM", "bad offer"];
        string[] quantities = ["0", "1,000", "2.0", "2,5", "abc", "99999999999", "-3", "1.00", string.Empty, "7", "1.500", "0.5", "12"];
        string[] cycles = ["yearly", "one-time", "weekly", " ANNUAL ", string.Empty, "Monthly", "Triennial", "none"];
        string[] terms = [string.Empty, "P1M", "p1y", "1Y", "P", "P3Y"];
        string[] partners = [string.Empty, "1234567", "12-34", "12345678901"];
        string[] groups = [string.Empty, "wave-1", "WAVE-1", "wave-2"];
        var random = new Random(seed);
        var builder = new StringBuilder();
        builder.Append("Customer ID,Offer ID,Qty,Billing Cycle,Friendly Name,Parent Subscription Id,Order ID,Term,MPN Id,Promo Code,Group,Notes\r\n");
        for (var i = 0; i < 5_000; i++)
        {
            var addOn = random.Next(6);
            string[] cells =
            [
                customers[random.Next(customers.Length)],
                offers[random.Next(offers.Length)],
                quantities[random.Next(quantities.Length)],
                cycles[random.Next(cycles.Length)],
                random.Next(3) == 0 ? string.Empty : $"Name {random.Next(50)}",
                addOn is 0 or 1 ? "10704f2f-3fc6-4e42-8acf-08df4f81c93c" : addOn == 2 ? "not-a-guid" : string.Empty,
                addOn is 0 or 3 ? "Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1" : addOn == 4 ? "has space" : string.Empty,
                terms[random.Next(terms.Length)],
                partners[random.Next(partners.Length)],
                random.Next(5) == 0 ? "39NFJQT1Q5KL:0001" : string.Empty,
                groups[random.Next(groups.Length)],
                random.Next(20) == 0 ? "\"two\r\nlines, quoted\"" : "note",
            ];
            builder.AppendJoin(',', cells).Append("\r\n");
            if (random.Next(40) == 0)
            {
                builder.Append("\r\n");
            }
        }

        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(false));
        return path;
    }
}
