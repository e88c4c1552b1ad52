namespace BatchOrders.Sandbox.Pipeline;

/// <summary>Which orders or carts API call a request is, after routing.</summary>
internal enum OrderOperation
{
    Create,
    Patch,
    Get,
    List,
    CreateCart,
    GetCart,
    CheckoutCart,
    Unknown,
}
