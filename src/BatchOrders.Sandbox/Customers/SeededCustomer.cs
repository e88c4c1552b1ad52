namespace BatchOrders.Sandbox.Customers;

/// <summary>
/// A customer of the partner as the sandbox knows it: its company, country (the billing profile's, ISO-2), how it is
/// related to the partner as Partner Center names it (<c>reseller</c>, or <c>none</c>: not the partner's), its
/// account validation status (<c>Allowed</c>, <c>UnderReview</c>, <c>NotAllowed</c>, <c>Unknown</c>; null: none on
/// record) and qualifications (<c>Education</c>, …). Without delegated access its company address is not shown.
/// </summary>
internal sealed record SeededCustomer(
    Guid Id,
    string CompanyName,
    string Domain,
    string Country,
    string City,
    string Relationship,
    string? AccountStatus,
    IReadOnlyList<string> Qualifications,
    bool DelegatedAccess = true)
{
    /// <summary>Partner Center's name for a customer the partner resells to.</summary>
    public const string Reseller = "reseller";

    /// <summary>No commerce relationship: the customer is not the partner's (403 20002).</summary>
    public const string NoRelationship = "none";

    /// <summary>Whether this customer is the partner's to transact for.</summary>
    public bool IsPartnersCustomer => !string.Equals(Relationship, NoRelationship, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the account status keeps the customer from transacting (<c>UnderReview</c>, <c>NotAllowed</c>, <c>Unknown</c>).</summary>
    public bool IsBlocked => AccountStatus is "UnderReview" or "NotAllowed" or "Unknown";

    public bool IsEducation => Qualifications.Contains("Education", StringComparer.OrdinalIgnoreCase);

    /// <summary>The segment the customer buys in: <c>Education</c> when so qualified, else <c>Commercial</c>.</summary>
    public string Segment => IsEducation ? "Education" : "Commercial";
}
