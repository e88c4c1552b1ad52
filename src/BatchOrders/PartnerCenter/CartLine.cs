namespace BatchOrders.PartnerCenter;

/// <summary>A line of a created cart, by its position in the request: its order group, or the error Partner Center already knows of.</summary>
internal sealed record CartLine(int Index, string? OrderGroup, string? ErrorCode, string? ErrorDescription)
{
    /// <summary>True when the cart says this line cannot be bought.</summary>
    public bool HasError => ErrorCode is not null || ErrorDescription is not null;
}
