namespace BatchOrders.Web.Pages;

/// <summary>What every page needs from its request: the antiforgery token its forms carry.</summary>
/// <param name="FormField">The hidden field's name.</param>
/// <param name="FormToken">The request token for this page's forms.</param>
public sealed record PageInfo(string FormField, string FormToken);
