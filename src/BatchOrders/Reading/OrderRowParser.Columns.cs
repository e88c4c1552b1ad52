namespace BatchOrders.Reading;

/// <summary>The checks of each column: its rule, its normal form, and the error that says what would be valid.</summary>
internal sealed partial class OrderRowParser
{
    private string? RequiredGuid(InputColumn column, string what, string example)
    {
        var text = CellSpan(column);
        if (text.Length == 0)
        {
            AddFor(column, string.Empty, $"{InputColumns.Get(column).Name} is empty: every row needs {what} (a GUID such as {example}).");
            return null;
        }

        // A customer's rows usually come together: its id is checked once and its rows share one string.
        if (_lastRequired.Raw is { } last && text.SequenceEqual(last))
        {
            return _lastRequired.Normalised;
        }

        var value = new string(text);
        var normalised = NormalisedGuid(column, value, what, example);
        if (normalised is not null)
        {
            _lastRequired = (value, normalised);
        }

        return normalised;
    }

    private string? OptionalGuid(InputColumn column, string what, string example)
    {
        if (Known(_guids, CellSpan(column), out var known))
        {
            return known;
        }

        var value = Cell(column);
        return value.Length == 0 ? null : NormalisedGuid(column, value, what, example);
    }

    /// <summary>The id in Partner Center's form (lower case, hyphens), or null with the cell's error added.</summary>
    private string? NormalisedGuid(InputColumn column, string value, string what, string example)
    {
        if (_guids.TryGetValue(value, out var known))
        {
            return known;
        }

        if (!Guid.TryParse(value, out var guid))
        {
            AddFor(column, value, $"'{Shown(value)}' is not {what}: expected a GUID such as {example}.");
            return null;
        }

        if (guid == Guid.Empty)
        {
            AddFor(column, value, $"The all-zero GUID is not {what}: copy the real id, such as {example}.");
            return null;
        }

        // Ids usually come as Partner Center writes them (lower case, hyphens): then the cell's own string is the
        // normalised one, and a million rows do not each allocate a copy.
        Span<char> formatted = stackalloc char[36];
        guid.TryFormat(formatted, out _, "D");
        return Remember(_guids, value, formatted.SequenceEqual(value) ? value : new string(formatted));
    }

    private string? OfferId()
    {
        if (Known(_offers, CellSpan(InputColumn.OfferId), out var known))
        {
            return known;
        }

        var value = Cell(InputColumn.OfferId);

        const string Valid = "expected a legacy offer GUID such as 031c9e47-4802-4248-838e-778fb1d2cc05, or a new-commerce catalog id PRODUCT:SKU:AVAILABILITY such as CFQ7TTC0LF8Q:0001:CFQ7TTC0K5DM (PRODUCT:SKU lets the preflight take today's availability)";
        if (value.Length == 0)
        {
            AddFor(InputColumn.OfferId, value, $"OfferId is empty: every row needs the offer to buy ({Valid}).");
            return null;
        }

        if (Guid.TryParse(value, out var guid) && guid != Guid.Empty)
        {
            return Remember(_offers, value, guid.ToString("D"));
        }

        if (CellRules.IsCatalogId(value))
        {
            return Remember(_offers, value, value.ToUpperInvariant());
        }

        AddFor(InputColumn.OfferId, value, $"'{Shown(value)}' is not an offer id: {Valid}.");
        return null;
    }

    private int Quantity()
    {
        // Plain digits, nearly every quantity, are the number itself: no string, no pool.
        var text = CellSpan(InputColumn.Quantity);
        if (text.Length is > 0 and <= 9 && !text.ContainsAnyExceptInRange('0', '9'))
        {
            var number = 0;
            foreach (var digit in text)
            {
                number = (number * 10) + (digit - '0');
            }

            if (number >= 1)
            {
                return number;
            }
        }

        var value = Cell(InputColumn.Quantity);
        var (quantity, problem) = CellRules.Quantity(value);
        if (problem is not null)
        {
            AddFor(InputColumn.Quantity, value, problem);
        }

        return quantity;
    }

    private BillingCycle? BillingCycleOf()
    {
        var text = CellSpan(InputColumn.BillingCycle);
        if (text.Length == 0)
        {
            return null;
        }

        if (Known(_cycles, text, out var known))
        {
            return known;
        }

        var value = Cell(InputColumn.BillingCycle);
        if (BillingCycles.TryParse(value, out var cycle))
        {
            if (_cycles.Count < 4096)
            {
                _cycles[value] = cycle;
            }

            return cycle;
        }

        AddFor(InputColumn.BillingCycle, value,
            $"'{Shown(value)}' is not a billing cycle: use {string.Join(", ", BillingCycles.DisplayNames)}, or leave it blank for the order's default.");
        return null;
    }

    /// <summary>Whether the row has a valid order id (an invalid one adds its error).</summary>
    private bool OrderIdOf()
    {
        var text = CellSpan(InputColumn.OrderId);
        if (text.Length == 0)
        {
            return false;
        }

        if (!CellRules.IsOrderId(text))
        {
            var value = new string(text);
            AddFor(InputColumn.OrderId, value,
                $"'{Shown(value)}' is not an order id: a Partner Center order id is one word without spaces or / \\ ? # %, such as Cs_jyTxubLpvdJXdo8xcQZN6I2RsLrgZ1.");
            return false;
        }

        return true;
    }

    private string? TermDurationOf()
    {
        if (Known(_terms, CellSpan(InputColumn.TermDuration), out var known))
        {
            return known;
        }

        var value = Cell(InputColumn.TermDuration);
        if (value.Length == 0)
        {
            return null;
        }

        var upper = value.ToUpperInvariant();
        if (CellRules.IsIsoDuration(upper))
        {
            return Remember(_terms, value, upper);
        }

        AddFor(InputColumn.TermDuration, value,
            $"'{Shown(value)}' is not an ISO 8601 duration: use P1M (one month), P1Y (one year) or P3Y (three years).");
        return null;
    }

    /// <summary>Whether the row has a valid partner id (an invalid one adds its error).</summary>
    private bool PartnerIdOf()
    {
        var text = CellSpan(InputColumn.PartnerIdOnRecord);
        if (text.Length == 0)
        {
            return false;
        }

        if (CellRules.IsPartnerId(text))
        {
            return true;
        }

        var value = new string(text);
        AddFor(InputColumn.PartnerIdOnRecord, value,
            $"'{Shown(value)}' is not a partner id: expected the indirect reseller's Partner Center id, digits only, such as 1234567.");
        return false;
    }

    private void CheckAddOn()
    {
        var parentText = CellSpan(InputColumn.ParentSubscriptionId);
        var orderText = CellSpan(InputColumn.OrderId);
        // An add-on without OrderId is bought through a cart (new commerce) or added to the order the preflight reads
        // from its parent subscription (legacy): only an OrderId without a parent cannot be an add-on.
        if (orderText.Length > 0 && parentText.Length == 0)
        {
            AddFor(InputColumn.ParentSubscriptionId, string.Empty,
                "OrderId adds to an existing order, which is only for add-ons: set ParentSubscriptionId to the subscription the add-on attaches to, or clear OrderId to create a new order.");
        }
    }
}
