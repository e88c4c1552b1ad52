namespace BatchOrders.Sandbox.Pipeline;

/// <summary>Which Partner Center API call a request is, after routing.</summary>
internal enum OrderOperation
{
    Create,
    Patch,
    Get,
    List,
    CreateCart,
    GetCart,
    CheckoutCart,

    /// <summary><c>PUT …/carts/{id}</c>: replaces an active cart's line items.</summary>
    UpdateCart,

    /// <summary>
    /// A read of Partner Center's data (customers, catalog, subscriptions, promotions, resellers; some are POSTs that
    /// change nothing), answered by the handler its route was mapped with.
    /// </summary>
    Read,
    Unknown,
}
