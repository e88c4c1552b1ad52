namespace BatchOrders.Sandbox;

/// <summary>The Partner Center orders API sandbox (issue 3 fills this in).</summary>
public static class SandboxPlaceholder;
