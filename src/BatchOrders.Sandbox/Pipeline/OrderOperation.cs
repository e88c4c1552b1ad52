namespace BatchOrders.Sandbox.Pipeline;

/// <summary>Which orders API call a request is, after routing.</summary>
internal enum OrderOperation
{
    Create,
    Patch,
    Get,
    List,
    Unknown,
}
