namespace BatchOrders.Journal;

/// <summary>
/// An order's lines set against the lines other orders of its family already bought: each line with the same
/// content as one of those purchases is bought already (adopted, never sent again); a line for an offer that was
/// bought with other quantities or terms changed after it was ordered, and makes the order a conflict
/// (docs/ARCHITECTURE.md, "Resume"). Each purchase is matched to one line at most.
/// </summary>
internal sealed record LineReconciliation(
    IReadOnlyList<JournalLineItem> Lines,
    IReadOnlyList<(JournalLineItem Line, JournalLineItem Bought)> Changed,
    IReadOnlyList<(JournalLineItem Line, string OrderKey)> Taken)
{
    /// <summary>True when some other version bought this order's offer with other quantities or terms.</summary>
    public bool IsConflict => Changed.Count > 0;

    /// <summary>True when every line is bought: nothing is left to send.</summary>
    public bool IsComplete => Lines.All(l => l.IsBought);

    /// <summary>True when <see cref="Lines"/> took over purchases that <paramref name="before"/> did not have.</summary>
    public bool AdoptedAny(IReadOnlyList<JournalLineItem> before) => Lines.Count(l => l.IsBought) > before.Count(l => l.IsBought);

    /// <summary>
    /// Sets <paramref name="lines"/> against <paramref name="pool"/>: the purchases of the order's family that no
    /// planned order holds yet, each with the key of the order that made it. The purchases taken are removed from
    /// the pool, so no other order of the family takes them too.
    /// </summary>
    public static LineReconciliation Of(IReadOnlyList<JournalLineItem> lines, List<(JournalLineItem Line, string OrderKey)> pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var result = lines.ToArray();
        if (pool.Count == 0)
        {
            return new LineReconciliation(result, [], []);
        }

        var taken = new List<(JournalLineItem, string)>();
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i].IsBought)
            {
                continue;
            }

            var content = result[i].Content;
            var match = pool.FindIndex(p => p.Line.Content == content);
            if (match >= 0)
            {
                var (bought, orderKey) = pool[match];
                taken.Add(pool[match]);
                pool.RemoveAt(match);
                result[i] = result[i] with
                {
                    PartnerOrderId = bought.PartnerOrderId, SubscriptionId = bought.SubscriptionId, ErrorCode = null, ErrorMessage = null,
                    AdoptedFrom = orderKey, AdoptedLine = bought.LineItemNumber,
                };
            }
        }

        var changed = new List<(JournalLineItem, JournalLineItem)>();
        foreach (var line in result.Where(l => !l.IsBought))
        {
            var content = line.Content;
            var match = pool.FindIndex(p => p.Line.Content.SameOffer(content));
            if (match >= 0)
            {
                changed.Add((line, pool[match].Line));
            }
        }

        return new LineReconciliation(result, changed, taken);
    }
}
