using ClosedXML.Excel;

namespace BatchOrders.Results;

/// <summary>The colour of each order state in the results workbook: the same in the drawn and the streamed sheets.</summary>
internal static class StateColours
{
    /// <summary>One state per colour, in <see cref="IndexOf"/> order (the streamed sheets' template cells).</summary>
    public static IReadOnlyList<string> Examples { get; } = ["Succeeded", "Failed", "Pending", "Planned", "Superseded"];

    /// <summary>Which colour a state has: an index into <see cref="Examples"/>.</summary>
    public static int IndexOf(string state) => state switch
    {
        "Succeeded" => 0,
        "Failed" => 1,
        "Conflict" or "Pending" or "Sending" => 2,
        "Planned" => 3,
        _ => 4,
    };

    public static void Apply(IXLCell cell, string state)
    {
        var (fill, font) = IndexOf(state) switch
        {
            0 => (0xC6EFCE, 0x006100),
            1 => (0xFFC7CE, 0x9C0006),
            2 => (0xFFEB9C, 0x9C5700),
            3 => (0xDDEBF7, 0x1F4E78),
            _ => (0xEDEDED, 0x595959),
        };
        cell.Style.Fill.BackgroundColor = XLColor.FromArgb(fill);
        cell.Style.Font.FontColor = XLColor.FromArgb(font);
    }
}
