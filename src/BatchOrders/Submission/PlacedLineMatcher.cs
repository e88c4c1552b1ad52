using BatchOrders.Journal;
using BatchOrders.PartnerCenter;

namespace BatchOrders.Submission;

/// <summary>
/// Finds, for an order's lines still to buy, the lines of placed orders that bought them — in a checkout's answer
/// (nothing in an order names its cart line) or among the customer's orders read back: same offer (ignoring case),
/// quantity and term, each placed line taken once.
/// </summary>
internal static class PlacedLineMatcher
{
    public static Dictionary<int, LineOutcome> Match(IReadOnlyList<JournalLineItem> lines, IEnumerable<PlacedOrder> placed)
    {
        var result = new Dictionary<int, LineOutcome>();
        var candidates = placed.SelectMany(o => o.Lines.Select(l => (Order: o.Id, Line: l))).ToList();
        foreach (var line in lines.Where(l => !l.IsBought))
        {
            var match = candidates.FindIndex(c => Same(line, c.Line));
            if (match >= 0)
            {
                var (order, placedLine) = candidates[match];
                candidates.RemoveAt(match);
                result[line.LineItemNumber] = LineOutcome.Bought(order, placedLine.SubscriptionId);
            }
        }

        return result;
    }

    private static bool Same(JournalLineItem line, PlacedLine placed) =>
        string.Equals(line.OfferToSend, placed.OfferId, StringComparison.OrdinalIgnoreCase)
        && (placed.Quantity is null || placed.Quantity == line.Quantity)
        && (line.TermDuration is null || placed.TermDuration is null || string.Equals(line.TermDuration, placed.TermDuration, StringComparison.OrdinalIgnoreCase));
}
