using BatchOrders.Planning;
using BatchOrders.Reading;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.Planning;

public sealed class OrderPlannerTests
{
    private const string File = "orders.csv";

    [Fact]
    public void Rows_of_one_customer_and_billing_cycle_become_one_order_numbered_from_zero_in_canonical_order()
    {
        var rows = new[]
        {
            Row(2, Rows.Customer, Rows.E3, BillingCycle.Monthly),
            Row(3, Rows.OtherCustomer, Rows.E3, BillingCycle.Monthly),
            Row(4, Rows.Customer, Rows.E1, BillingCycle.Monthly),
        };

        var plan = OrderPlanner.Plan(File, rows);

        Assert.Empty(plan.Errors);
        Assert.Equal(2, plan.Orders.Count);
        var first = plan.Orders[0];
        Assert.Equal(Rows.Customer, first.CustomerId);
        Assert.Equal([0, 1], first.LineItems.Select(i => i.LineItemNumber));

        // Line items follow their content (offer first, ordinal), not the rows' order: E3 (031c…) before E1 (91fd…).
        Assert.Equal([Rows.E3, Rows.E1], first.LineItems.Select(i => i.Row.OfferId));
        Assert.Equal([2, 4], first.LineItems.Select(i => i.Row.Location.Row));
        Assert.Equal(Rows.OtherCustomer, plan.Orders[1].CustomerId);
    }

    [Fact]
    public void Billing_cycle_target_order_and_order_group_each_separate_orders()
    {
        var rows = new[]
        {
            Row(2, Rows.Customer, Rows.E3, BillingCycle.Monthly),
            Row(3, Rows.Customer, Rows.E1, BillingCycle.Annual),
            Row(4, Rows.Customer, Rows.MyAnalytics, BillingCycle.Monthly, parent: Rows.Subscription, orderId: Rows.ExistingOrder),
            Row(5, Rows.Customer, Rows.CatalogId, BillingCycle.Monthly, group: "wave-2"),
            Row(6, Rows.Customer, Rows.E1, BillingCycle.Monthly, group: "WAVE-2"),
            Row(7, Rows.Customer, Rows.E1, null),
        };

        var plan = OrderPlanner.Plan(File, rows);

        // Row 5's new-commerce catalog id is bought through a cart, so group wave-2 becomes two orders.
        Assert.Equal(6, plan.Orders.Count);
        Assert.Equal([[2], [3], [4], [6], [5], [7]], plan.Orders.Select(o => o.LineItems.Select(i => i.Row.Location.Row).ToArray()));
        Assert.Equal([PurchasePath.Order, PurchasePath.Cart], plan.Orders.Skip(3).Take(2).Select(o => o.Path));
        Assert.Equal(plan.Orders[3].FamilyKey, plan.Orders[4].FamilyKey);
        Assert.NotEqual(plan.Orders[3].GroupKey, plan.Orders[4].GroupKey);
        var addOn = plan.Orders[2];
        Assert.True(addOn.IsAddOn);
        Assert.Equal(Rows.ExistingOrder, addOn.OrderId);
        Assert.Null(plan.Orders[5].BillingCycle);
    }

    [Fact]
    public void Groups_over_the_line_item_limit_split_deterministically_in_canonical_order_whatever_the_rows_order()
    {
        var offers = new[] { Rows.E3, Rows.E1, Rows.MyAnalytics, Rows.CatalogId, "2b9c7e3d-5a1f-4d6e-8c2b-7a9e1f3d5c02" };
        var rows = offers.Select((offer, i) => Row(i + 2, Rows.Customer, offer, BillingCycle.Monthly)).ToArray();
        var options = new PlanningOptions { MaxLineItemsPerOrder = 2 };

        var plan = OrderPlanner.Plan(File, rows, options);
        var reversed = OrderPlanner.Plan(File, [.. rows.Reverse()], options);

        Assert.Equal([2, 2, 1], plan.Orders.Select(o => o.LineItems.Count));
        Assert.All(plan.Orders, o => Assert.Equal(Enumerable.Range(0, o.LineItems.Count), o.LineItems.Select(i => i.LineItemNumber)));
        Assert.Equal([2, 6, 4, 3, 5], plan.Orders.SelectMany(o => o.LineItems).Select(i => i.Row.Location.Row));
        Assert.Equal(3, plan.Orders.Select(o => o.OrderKey).Distinct().Count());
        Assert.Equal(plan.Orders.Select(o => o.OrderKey).Order(), reversed.Orders.Select(o => o.OrderKey).Order());
        Assert.Equal(plan.Orders.Select(o => o.GroupKey).Order(), reversed.Orders.Select(o => o.GroupKey).Order());
    }

    [Fact]
    public void Order_keys_are_stable_across_runs_and_row_positions_but_follow_content()
    {
        var rows = new[] { Row(2, Rows.Customer, Rows.E3, BillingCycle.Monthly), Row(3, Rows.OtherCustomer, Rows.E1, BillingCycle.Annual) };
        var moved = new[] { Row(5, Rows.Customer, Rows.E3, BillingCycle.Monthly), Row(9, Rows.OtherCustomer, Rows.E1, BillingCycle.Annual) };
        var changed = new[] { Row(2, Rows.Customer, Rows.E3, BillingCycle.Monthly, quantity: 6), Row(3, Rows.OtherCustomer, Rows.E1, BillingCycle.Annual) };

        var keys = OrderPlanner.Plan(File, rows).Orders.Select(o => o.OrderKey).ToList();

        Assert.Equal(keys, OrderPlanner.Plan(File, moved).Orders.Select(o => o.OrderKey));
        var changedKeys = OrderPlanner.Plan(File, changed).Orders.Select(o => o.OrderKey).ToList();
        Assert.NotEqual(keys[0], changedKeys[0]);
        Assert.Equal(keys[1], changedKeys[1]);
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{32}$", k));
    }

    [Fact]
    public void The_same_offer_twice_for_a_customer_and_billing_cycle_is_an_error_unless_allowed()
    {
        var rows = new[]
        {
            Row(2, Rows.Customer, Rows.E3, BillingCycle.Monthly),
            Row(3, Rows.Customer, Rows.E3, BillingCycle.Annual),
            Row(4, Rows.Customer, Rows.E3, BillingCycle.Monthly, group: "other"),
        };

        var plan = OrderPlanner.Plan(File, rows);
        var allowed = OrderPlanner.Plan(File, rows, new PlanningOptions { AllowDuplicates = true });

        var error = Assert.Single(plan.Errors);
        Assert.Equal((4, "OfferId", Rows.E3), (error.Row, error.Column, error.Value));
        Assert.Contains("on row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-duplicates", error.Message, StringComparison.Ordinal);
        Assert.Empty(allowed.Errors);
        Assert.Equal(3, allowed.Orders.Count);
    }

    [Fact]
    public void The_same_add_on_for_two_parent_subscriptions_is_not_a_duplicate()
    {
        var rows = new[]
        {
            Row(2, Rows.Customer, Rows.MyAnalytics, BillingCycle.Monthly, parent: Rows.Subscription, orderId: Rows.ExistingOrder),
            Row(3, Rows.Customer, Rows.MyAnalytics, BillingCycle.Monthly, parent: "20704f2f-3fc6-4e42-8acf-08df4f81c93c", orderId: Rows.ExistingOrder),
        };

        var plan = OrderPlanner.Plan(File, rows);

        Assert.Empty(plan.Errors);
        Assert.Equal([0, 1], Assert.Single(plan.Orders).LineItems.Select(i => i.LineItemNumber));
    }

    [Fact]
    public void Summary_counts_customers_orders_line_items_and_quantity_per_offer()
    {
        var rows = new[]
        {
            Row(2, Rows.Customer, Rows.E3, BillingCycle.Monthly, quantity: 10),
            Row(3, Rows.OtherCustomer, Rows.E3, BillingCycle.Monthly, quantity: 5),
            Row(4, Rows.OtherCustomer, Rows.MyAnalytics, BillingCycle.Monthly, quantity: 2, parent: Rows.Subscription, orderId: Rows.ExistingOrder),
        };

        var summary = OrderPlanner.Plan(File, rows).Summarize();

        Assert.Equal((2, 3, 1, 3, 17L), (summary.Customers, summary.Orders, summary.AddOnOrders, summary.LineItems, summary.TotalQuantity));
        Assert.Equal([new OfferTotal(Rows.E3, 2, 15), new OfferTotal(Rows.MyAnalytics, 1, 2)], summary.Offers);
    }

    [Fact]
    public void A_large_file_is_grouped_and_checked_as_a_plain_pass_over_its_rows_would()
    {
        // 40,000 rows (keyed on several threads): customers whose rows come together or apart, three cycles, add-ons
        // to two orders, duplicates, and one customer with more groups and offers than its short chains hold.
        var random = new Random(20251126);
        var offers = new[] { Rows.E3, Rows.E1, Rows.MyAnalytics, "cfq7ttc0lh18:0001:cfq7ttc0kdn7", "cfq7ttc0ldpb:0001:cfq7ttc0k5bf" };
        var customers = Enumerable.Range(0, 6_000).Select(i => new Guid(i + 1, 0, 0, new byte[8]).ToString()).ToArray();
        var rows = new List<OrderRow>();
        for (var number = 2; rows.Count < 40_000; number++)
        {
            var customer = number % 7 == 0 ? customers[random.Next(customers.Length)] : customers[number / 5 % customers.Length];
            if (number % 997 == 0)
            {
                customer = customers[0];
            }

            var cycle = (BillingCycle?)(random.Next(3) switch { 0 => BillingCycle.Monthly, 1 => BillingCycle.Annual, _ => null });
            var offer = number % 997 == 0 ? $"cfq7ttc0{number:x4}:0001:cfq7ttc0k5bf" : offers[random.Next(offers.Length)];
            var orderId = random.Next(20) == 0 ? $"order-{random.Next(2)}" : null;
            rows.Add(Row(number, customer, offer, cycle, orderId: orderId, group: number % 997 == 0 ? $"g{number % 20}" : null));
        }

        var plan = OrderPlanner.Plan(File, rows);

        var groupOrder = rows.Select(r => (r.CustomerId, r.BillingCycle, r.OrderId, Group: r.OrderGroup?.ToUpperInvariant())).Distinct().ToList();
        Assert.Equal(groupOrder, plan.Orders.Select(o => (o.CustomerId, o.BillingCycle, o.OrderId, Group: o.OrderGroup?.ToUpperInvariant())).Distinct());
        Assert.Equal(rows.Count, plan.Orders.Sum(o => o.LineItems.Count));

        var seen = new HashSet<(string, BillingCycle?, string, string?)>();
        var duplicates = rows.Where(r => !seen.Add((r.CustomerId, r.BillingCycle, r.OfferId, r.ParentSubscriptionId))).Select(r => r.Location.Row).ToList();
        Assert.True(duplicates.Count > 1_000);
        Assert.Equal(duplicates, plan.Errors.Where(e => e.Column == "OfferId").Select(e => e.Row ?? 0));
    }

    private static OrderRow Row(int number, string customer, string offer, BillingCycle? cycle, int quantity = 1, string? parent = null, string? orderId = null, string? group = null) =>
        new(new RowLocation(null, number), customer, offer, quantity, cycle, null, parent, orderId, null, null, null, group, []);
}
