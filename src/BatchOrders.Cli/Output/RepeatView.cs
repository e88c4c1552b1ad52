using System.Globalization;
using BatchOrders.Submission;

namespace BatchOrders.Cli.Output;

/// <summary>The planned orders that repeat recent orders: customer, rows, offers, and the existing order with its date.</summary>
internal static class RepeatView
{
    private const int Shown = 30;

    public static void Show(IAnsiConsole console, IReadOnlyList<RepeatedOrder> repeats, Target target)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Repeats of orders already placed ({Markup.Escape(target.Description)})");
        table.AddColumn("Customer", c => c.NoWrap());
        table.AddColumn("Rows");
        table.AddColumn("Offers");
        table.AddColumn("Existing order");
        table.AddColumn("Placed (UTC)", c => c.NoWrap());
        foreach (var repeat in repeats.Take(Shown))
        {
            table.AddRow(
                repeat.CustomerId,
                string.Join(", ", repeat.Rows),
                Markup.Escape(string.Join("; ", repeat.Offers)),
                Markup.Escape(repeat.ExistingOrderId),
                repeat.ExistingCreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "unknown");
        }

        console.Write(table);
        if (repeats.Count > Shown)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"… and {repeats.Count - Shown:N0} more."));
        }
    }
}
