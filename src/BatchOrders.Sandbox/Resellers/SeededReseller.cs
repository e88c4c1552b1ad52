namespace BatchOrders.Sandbox.Resellers;

/// <summary>A partner id that is not an authorised indirect reseller, and why: <see cref="NotFound"/>, <see cref="NotIndirectReseller"/> or <see cref="AgreementNotAccepted"/>.</summary>
internal sealed record SeededReseller(string PartnerId, string Status)
{
    public const string NotFound = "NotFound";

    public const string NotIndirectReseller = "NotIndirectReseller";

    public const string AgreementNotAccepted = "AgreementNotAccepted";
}
