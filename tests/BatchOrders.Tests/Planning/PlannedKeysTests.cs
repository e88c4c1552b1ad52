using System.Globalization;
using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Planning;

/// <summary>
/// Journals on users' machines and the fixtures under TestData find their orders again by these keys: every group,
/// family and order key of this small plan is pinned to the value earlier versions computed, byte for byte.
/// </summary>
public sealed class PlannedKeysTests
{
    // Legacy GUID offers (orders API), catalog ids (carts), an add-on, each billing cycle and none, names beyond
    // ASCII, terms, promotions, partner ids, order groups in either case, and a group larger than two line items.
    private const string Csv =
        "CustomerId,OfferId,Quantity,BillingCycle,FriendlyName,ParentSubscriptionId,OrderId,TermDuration,PromotionId,PartnerIdOnRecord,OrderGroup,Notes\r\n" +
        "46A62ECE-10AD-42E5-B3F1-B2ED53E6FC08,031c9e47-4802-4248-838e-778fb1d2cc05,5,Monthly,Büro Müller – Sales,,,,,,,first\r\n" +
        "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08,cfq7ttc0lf8q:0001:cfq7ttc0k5dm,12,Annual,E3 annual,,,p1y,39NFJQT1Q5KV:0002,1234567,wave-1,\r\n" +
        "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08,91fd106f-4b2c-4938-95ac-f54f74e9a239,1,Monthly,,,,,,,,\r\n" +
        "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f,8f4c2e1a-6b7d-4e3f-9a2b-1c5d8e7f6a01,3,Monthly,Add-on,10704F2F-3FC6-4E42-8ACF-08DF4F81C93C,Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1,,,,,\r\n" +
        "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f,CFQ7TTC0LH18:0001:CFQ7TTC0KDN7,7,,日本語の名前,,,P1M,,,WAVE-1,\r\n" +
        "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08,CFQ7TTC0LDPB:0001:CFQ7TTC0K5BF,2,Annual,,,,P1Y,,1234567,Wave-1,\r\n" +
        "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08,2b9c7e3d-5a1f-4d6e-8c2b-7a9e1f3d5c02,40,Monthly,Büro Müller – HR,,,,,,,\r\n" +
        "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08,4c1e8a2b-9d3f-4b7a-a5c6-2e8f1d9b3a03,40,Monthly,\"Name, with comma\",,,,,,,\r\n" +
        "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f,CFQ7TTC0LFLX:0001:CFQ7TTC0K1BD,1,Triennial,,,,P3Y,,,,\r\n" +
        "46a62ece-10ad-42e5-b3f1-b2ed53e6fc08,CFQ7TTC0LFK5:0002:CFQ7TTC0K4WV,9,Monthly,Exchange,,,P1M,,,,\r\n";

    private static readonly string[] DefaultPlan =
    [
        "c6ec8652105d8b227a6401be0fc9e631 a50b958176178f5532f0b47d3d29d423 d890d6ea2593f8d13fdae8eb7eaa1554 Order part 0 rows 0@2,1@8,2@9,3@4",
        "a203564e189705e8f95ad9294ea29410 86afd0d6b2a68c2a28b23a2797eaea52 d890d6ea2593f8d13fdae8eb7eaa1554 Cart part 1 rows 0@11",
        "c48921fcfacf5616094d8f229010a02c ed266a5256b2a4d74382841de5e22bdc c96cd51e1b8687bccaf3a6a512a14237 Cart part 0 rows 0@7,1@3",
        "dcc253ddf51df9781f45416c4bddd681 feff2d4232bf5c21ddc42017c873f509 d4a109e45b9f3e1abcf735b1a9ca0666 Order part 0 rows 0@5",
        "fe247d05266f5384e5e93c72e03de6e3 24c476b9c880547a63ccf9b84847aec7 e99a9fe023ead2f4ac95b1b9750a3d9e Cart part 0 rows 0@6",
        "182f1df8e45d372e66f48499b82af444 e392e42490c42a9682e80c4cc6f9ca5b cd5711b7eae93412517b47cc4163d93f Cart part 0 rows 0@10",
    ];

    private static readonly string[] SplitCartPlan =
    [
        "9e39458eb93ea35d6603c6fe769d64b2 a50b958176178f5532f0b47d3d29d423 d890d6ea2593f8d13fdae8eb7eaa1554 Cart part 0 rows 0@2,1@8",
        "d5de04ddb6230b54a980e1711996b1ac 86afd0d6b2a68c2a28b23a2797eaea52 d890d6ea2593f8d13fdae8eb7eaa1554 Cart part 1 rows 0@9,1@4",
        "2f16684a80966dd9afa5f51490969832 2d8e814066fe7e8a489bc1de58e2e566 d890d6ea2593f8d13fdae8eb7eaa1554 Cart part 2 rows 0@11",
        "c48921fcfacf5616094d8f229010a02c ed266a5256b2a4d74382841de5e22bdc c96cd51e1b8687bccaf3a6a512a14237 Cart part 0 rows 0@7,1@3",
        "dcc253ddf51df9781f45416c4bddd681 feff2d4232bf5c21ddc42017c873f509 d4a109e45b9f3e1abcf735b1a9ca0666 Order part 0 rows 0@5",
        "fe247d05266f5384e5e93c72e03de6e3 24c476b9c880547a63ccf9b84847aec7 e99a9fe023ead2f4ac95b1b9750a3d9e Cart part 0 rows 0@6",
        "182f1df8e45d372e66f48499b82af444 e392e42490c42a9682e80c4cc6f9ca5b cd5711b7eae93412517b47cc4163d93f Cart part 0 rows 0@10",
    ];

    private static readonly string[] OrderPathPlan =
    [
        "038abcf7ffca0e3decc7b01de321c9e6 a50b958176178f5532f0b47d3d29d423 d890d6ea2593f8d13fdae8eb7eaa1554 Order part 0 rows 0@2,1@8,2@9,3@4,4@11",
        "c48921fcfacf5616094d8f229010a02c ed266a5256b2a4d74382841de5e22bdc c96cd51e1b8687bccaf3a6a512a14237 Order part 0 rows 0@7,1@3",
        "dcc253ddf51df9781f45416c4bddd681 feff2d4232bf5c21ddc42017c873f509 d4a109e45b9f3e1abcf735b1a9ca0666 Order part 0 rows 0@5",
        "fe247d05266f5384e5e93c72e03de6e3 24c476b9c880547a63ccf9b84847aec7 e99a9fe023ead2f4ac95b1b9750a3d9e Order part 0 rows 0@6",
        "182f1df8e45d372e66f48499b82af444 e392e42490c42a9682e80c4cc6f9ca5b cd5711b7eae93412517b47cc4163d93f Order part 0 rows 0@10",
    ];

    [Fact]
    public void Keys_of_a_plan_are_the_ones_earlier_versions_computed()
    {
        using var folder = new TempFolder();
        var path = folder.WriteText("orders.csv", Csv);
        var read = SpreadsheetReader.Read(path);
        Assert.True(read.IsValid, string.Join("; ", read.Errors.Select(e => e.Message)));

        var plans = new[]
        {
            Describe(OrderPlanner.Plan(path, read.Rows)),
            Describe(OrderPlanner.Plan(path, read.Rows, new PlanningOptions { MaxLineItemsPerOrder = 2, Path = PurchasePathChoice.Cart })),
            Describe(OrderPlanner.Plan(path, read.Rows, new PlanningOptions { Path = PurchasePathChoice.Order })),
        };

        Assert.Equal(DefaultPlan, plans[0]);
        Assert.Equal(SplitCartPlan, plans[1]);
        Assert.Equal(OrderPathPlan, plans[2]);
    }

    private static string[] Describe(OrderPlan plan)
    {
        // Cart rows without a billing cycle are planning errors; their orders are keyed all the same.
        Assert.All(plan.Errors, e => Assert.Equal("BillingCycle", e.Column));
        return [.. plan.Orders.Select(o =>
            $"{o.OrderKey} {o.GroupKey} {o.FamilyKey} {o.Path} part {o.Part.ToString(CultureInfo.InvariantCulture)} rows " +
            string.Join(',', o.LineItems.Select(i => $"{i.LineItemNumber.ToString(CultureInfo.InvariantCulture)}@{i.Row.Location.Row.ToString(CultureInfo.InvariantCulture)}")))];
    }
}
