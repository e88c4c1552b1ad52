namespace BatchOrders;

/// <summary>The kinds of <see cref="Target"/>.</summary>
public enum TargetKind
{
    /// <summary>The built-in sandbox, started in-process for the run.</summary>
    Sandbox,

    /// <summary>Partner Center: real orders.</summary>
    Live,

    /// <summary>Any compatible endpoint, such as a standalone sandbox: a rehearsal.</summary>
    Endpoint,
}
