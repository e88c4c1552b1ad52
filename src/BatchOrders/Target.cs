namespace BatchOrders;

/// <summary>
/// Where a batch's orders go: the built-in sandbox, live Partner Center, or a compatible endpoint such as a
/// standalone sandbox. A journal is bound to its target's kind for life, so a rehearsal is never mistaken for real
/// orders (docs/ARCHITECTURE.md, "Targets").
/// </summary>
public sealed record Target
{
    private const string SandboxName = "sandbox";
    private const string LiveName = "live";

    private Target(TargetKind kind, Uri? address)
    {
        Kind = kind;
        Address = address;
    }

    /// <summary>The built-in sandbox, started in-process: nothing is really ordered.</summary>
    public static Target Sandbox { get; } = new(TargetKind.Sandbox, null);

    /// <summary>Partner Center itself: real orders.</summary>
    public static Target Live { get; } = new(TargetKind.Live, null);

    /// <summary>What kind of target this is.</summary>
    public TargetKind Kind { get; }

    /// <summary>The endpoint's address; null for the sandbox and live targets, whose addresses are settings.</summary>
    public Uri? Address { get; }

    /// <summary>True when orders are real.</summary>
    public bool IsLive => Kind == TargetKind.Live;

    /// <summary>The target's name as the journal stores it and as <c>--target</c> takes it: sandbox, live, or the address.</summary>
    public string Name => Kind switch
    {
        TargetKind.Sandbox => SandboxName,
        TargetKind.Live => LiveName,
        _ => Address!.ToString(),
    };

    /// <summary>The target in a phrase, for sentences on the screen: "the built-in sandbox (nothing is really ordered)".</summary>
    public string Description => Kind switch
    {
        TargetKind.Sandbox => "the built-in sandbox (nothing is really ordered)",
        TargetKind.Live => "LIVE Partner Center (real orders)",
        _ => $"the endpoint {Address} (a rehearsal, not Partner Center)",
    };

    /// <summary>The target as a heading no one can miss, for the results workbook and the status screen.</summary>
    public string Banner => Kind switch
    {
        TargetKind.Sandbox => "SANDBOX — nothing was ordered (a rehearsal against the built-in sandbox)",
        TargetKind.Live => "LIVE — real Partner Center orders",
        _ => $"CUSTOM ENDPOINT {Address} — orders were sent to this address",
    };

    /// <summary>An endpoint target at an absolute http(s) address.</summary>
    public static Target Endpoint(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"An endpoint target needs an absolute http(s) address, not '{address}'.", nameof(address));
        }

        return new Target(TargetKind.Endpoint, address);
    }

    /// <summary>Reads a target name (sandbox, live, or an http(s) address; case-insensitive); false when it is none of them.</summary>
    public static bool TryParse(string? text, out Target target)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Equals(SandboxName, StringComparison.OrdinalIgnoreCase))
        {
            target = Sandbox;
            return true;
        }

        if (trimmed.Equals(LiveName, StringComparison.OrdinalIgnoreCase))
        {
            target = Live;
            return true;
        }

        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            target = Endpoint(uri);
            return true;
        }

        target = Sandbox;
        return false;
    }

    /// <summary>The target a journal recorded by <see cref="Name"/>.</summary>
    public static Target FromName(string name) =>
        TryParse(name, out var target) ? target : throw new FormatException($"'{name}' is not a target name.");

    /// <summary>The name, so a target reads as the journal and <c>--target</c> write it.</summary>
    public override string ToString() => Name;
}
