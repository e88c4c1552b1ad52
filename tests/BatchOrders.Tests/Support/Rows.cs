namespace BatchOrders.Tests.Support;

/// <summary>Well-formed values to build test rows from.</summary>
public static class Rows
{
    public const string Customer = "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08";
    public const string OtherCustomer = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public const string E3 = "031c9e47-4802-4248-838e-778fb1d2cc05";
    public const string E1 = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
    public const string MyAnalytics = "8f4c2e1a-6b7d-4e3f-9a2b-1c5d8e7f6a01";
    public const string CatalogId = "CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM";
    public const string Subscription = "10704f2f-3fc6-4e42-8acf-08df4f81c93c";
    public const string ExistingOrder = "Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1";

    /// <summary>A CSV with the given header and rows, comma-delimited, one line each.</summary>
    public static string Csv(string header, params string[] rows) => string.Join("\n", [header, .. rows]) + "\n";
}
