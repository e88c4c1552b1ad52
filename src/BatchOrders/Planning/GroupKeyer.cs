using BatchOrders.Reading;

namespace BatchOrders.Planning;

/// <summary>
/// Makes the orders of ranges of groups into their places of the plan; one instance serves every thread, each with
/// its own buffers. A range's rows are first put in their canonical order in place (each order is then a slice of
/// the grouped rows), then its family and group keys are hashed in one batch, then its order keys, which hash the
/// group keys' text.
/// </summary>
internal sealed class GroupKeyer(PlannedGroups plan, RowGrouping groups, bool[] isCart, int[] cartRows, int[] firstOrder, PlannedOrder[] orders, PlanningOptions options)
{
    private readonly RowStore _rows = plan.Rows;
    private readonly int[] _grouped = plan.Grouped;

    /// <summary>How many orders <paramref name="lines"/> line items make at <paramref name="limit"/> per order.</summary>
    public static int Parts(int lines, int limit) => (lines + limit - 1) / limit;

    public void Key(KeyMessages messages, int from, int to)
    {
        var limit = options.MaxLineItemsPerOrder;
        var contents = new StoredLine[16];
        var members = new int[16];
        for (var g = from; g < to; g++)
        {
            Arrange(g, ref contents, ref members);
        }

        // Family and group keys: per group its family, then one group key per part.
        messages.Clear();
        for (var g = from; g < to; g++)
        {
            var key = groups.Keys[g];
            OrderKeys.AppendFamilyAndGroups(messages, key.CustomerId, key.BillingCycle, key.OrderId, key.OrderGroup, firstOrder[g + 1] - firstOrder[g]);
        }

        var groupDigests = new byte[messages.Count * Sha256Batch.DigestBytes];
        messages.Hash(groupDigests);

        messages.Clear();
        var at = 0;
        for (var g = from; g < to; g++)
        {
            at++;
            for (var part = 0; part < firstOrder[g + 1] - firstOrder[g]; part++)
            {
                var (start, count, _) = Slice(g, part, limit);
                OrderKeys.StartOrder(messages, KeyDigest.Read(groupDigests.AsSpan(at++ * Sha256Batch.DigestBytes)));
                foreach (var row in _grouped.AsSpan(start, count))
                {
                    AppendLine(messages, row);
                }

                messages.End();
            }
        }

        var orderDigests = new byte[(firstOrder[to] - firstOrder[from]) * Sha256Batch.DigestBytes];
        messages.Hash(orderDigests);

        at = 0;
        var order = 0;
        for (var g = from; g < to; g++)
        {
            plan.Families[g] = KeyDigest.Read(groupDigests.AsSpan(at++ * Sha256Batch.DigestBytes));
            for (var part = 0; part < firstOrder[g + 1] - firstOrder[g]; part++)
            {
                var (start, count, path) = Slice(g, part, limit);
                var index = firstOrder[g] + part;
                plan.OrderKeys[index] = KeyDigest.Read(orderDigests.AsSpan(order++ * Sha256Batch.DigestBytes));
                plan.GroupKeys[index] = KeyDigest.Read(groupDigests.AsSpan(at++ * Sha256Batch.DigestBytes));
                orders[index] = new PlannedOrder(plan, index, g, path, part, start, count);
            }
        }
    }

    /// <summary>Writes a row's line item into an order key's message, as <see cref="OrderKeys.AppendLine"/> writes its <see cref="LineContent"/>.</summary>
    private void AppendLine(KeyMessages messages, int index)
    {
        ref readonly var row = ref _rows.Row(index);
        var text = _rows.TextOf(index);
        messages.Append(row.OfferId);
        messages.Append(row.Quantity);
        AppendField(messages, text, row, row.FriendlyName);
        messages.Append(row.ParentSubscriptionId);
        messages.Append(row.TermDuration);
        AppendField(messages, text, row, row.PromotionId);
        AppendField(messages, text, row, row.PartnerIdOnRecord);
    }

    private static void AppendField(KeyMessages messages, char[] text, in StoredRow row, int field)
    {
        if (field < 0)
        {
            messages.Append((string?)null);
        }
        else
        {
            messages.Append(RowBlock.Field(text, row.Text, field));
        }
    }

    /// <summary>
    /// Puts a group's rows in their order: the order path's rows first, then the cart path's, each in canonical
    /// order whatever the rows' order in the file, so parts, line numbers and keys follow content alone.
    /// </summary>
    private void Arrange(int g, ref StoredLine[] contents, ref int[] members)
    {
        var size = groups.Sizes[g];
        if (contents.Length < size)
        {
            contents = new StoredLine[size];
            members = new int[size];
        }

        var group = _grouped.AsSpan(groups.Starts[g], size);
        var orderRows = 0;
        var cartAt = size - cartRows[g];
        foreach (var row in group)
        {
            members[isCart[row] ? cartAt++ : orderRows++] = row;
        }

        Sort(contents, members, 0, orderRows);
        Sort(contents, members, orderRows, size - orderRows);
        members.AsSpan(0, size).CopyTo(group);
    }

    private void Sort(StoredLine[] contents, int[] members, int start, int count)
    {
        if (count < 2)
        {
            return;
        }

        for (var i = start; i < start + count; i++)
        {
            contents[i] = new StoredLine(_rows, members[i]);
        }

        // The same sort as of LineContent keys (the same comparisons, so the same order among equal lines).
        Array.Sort(contents, members, start, count);
    }

    /// <summary>
    /// Part <paramref name="part"/> of group <paramref name="g"/>, arranged: where it starts in the grouped rows,
    /// its size and path. The order path's parts come first, then the cart path's.
    /// </summary>
    private (int Start, int Count, PurchasePath Path) Slice(int g, int part, int limit)
    {
        var end = groups.Starts[g] + groups.Sizes[g];
        var cartStart = end - cartRows[g];
        var orderParts = Parts(cartStart - groups.Starts[g], limit);
        if (part < orderParts)
        {
            var start = groups.Starts[g] + (part * limit);
            return (start, Math.Min(limit, cartStart - start), PurchasePath.Order);
        }

        var cartAt = cartStart + ((part - orderParts) * limit);
        return (cartAt, Math.Min(limit, end - cartAt), PurchasePath.Cart);
    }
}
