using System.Globalization;
using BatchOrders.Submission;

namespace BatchOrders.Cli.Output;

/// <summary>The planned orders that repeat recent orders: customer, rows, offers, and the existing order with its date.</summary>
internal static class RepeatView
{
    private const int Shown = 30;

    // Five columns of GUIDs and order ids need about this many characters; a narrower console (a redirected one
    // is 80 wide) gets one line per repeat instead of a table wrapped into unreadable slivers.
    private const int TableWidth = 150;

    public static void Show(IAnsiConsole console, IReadOnlyList<RepeatedOrder> repeats, Target target)
    {
        var title = $"Repeats of orders already placed ({target.Description})";
        if (console.Profile.Width >= TableWidth)
        {
            console.Write(AsTable(repeats.Take(Shown), title));
        }
        else
        {
            console.MarkupLine(Markup.Escape(title) + ":");
            foreach (var repeat in repeats.Take(Shown))
            {
                console.MarkupLine(Markup.Escape(AsLine(repeat)));
            }
        }

        if (repeats.Count > Shown)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"… and {repeats.Count - Shown:N0} more."));
        }
    }

    private static Table AsTable(IEnumerable<RepeatedOrder> repeats, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("Customer", c => c.NoWrap());
        table.AddColumn("Rows");
        table.AddColumn("Offers");
        table.AddColumn("Existing order");
        table.AddColumn("Placed (UTC)", c => c.NoWrap());
        foreach (var repeat in repeats)
        {
            table.AddRow(
                repeat.CustomerId,
                string.Join(", ", repeat.Rows),
                Markup.Escape(string.Join("; ", repeat.Offers)),
                Markup.Escape(repeat.ExistingOrderId),
                Placed(repeat));
        }

        return table;
    }

    private static string AsLine(RepeatedOrder repeat)
    {
        var rows = (repeat.Rows.Count == 1 ? "Row " : "Rows ") + string.Join(", ", repeat.Rows);
        var placed = repeat.ExistingCreatedAt is null ? "(date unknown)" : $"on {Placed(repeat)} UTC";
        return $"  {rows}, customer {repeat.CustomerId}: {string.Join("; ", repeat.Offers)} — already ordered as {repeat.ExistingOrderId} {placed}";
    }

    private static string Placed(RepeatedOrder repeat) =>
        repeat.ExistingCreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "unknown";
}
