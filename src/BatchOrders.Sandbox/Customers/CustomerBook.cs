using System.Globalization;
using BatchOrders.Sandbox.Orders;
using BatchOrders.Sandbox.Pipeline;

namespace BatchOrders.Sandbox.Customers;

/// <summary>
/// The customer reads: the customer, its billing profile, qualifications and account validation status. The caller
/// has checked that the customer is the partner's (<see cref="CustomerDirectory.Access"/>).
/// </summary>
internal static class CustomerBook
{
    public static SandboxAnswer Get(SeededCustomer customer)
    {
        var uri = $"/customers/{customer.Id:D}";
        var address = Address(customer);
        return SandboxAnswer.Json(200, new CustomerResource(
            customer.Id,
            CustomerDirectory.CommerceIdOf(customer.Id),
            new CompanyProfileResource(customer.Id, customer.Domain, customer.CompanyName, customer.DelegatedAccess ? address : null,
                $"admin@{customer.Domain}", new SelfLinks(Get($"{uri}/profiles/company")), new ResourceAttributes("CustomerCompanyProfile")),
            BillingProfile(customer),
            customer.Relationship,
            customer.DelegatedAccess,
            [customer.Domain],
            new SelfLinks(Get(uri)),
            new ResourceAttributes("Customer")));
    }

    public static SandboxAnswer GetBillingProfile(SeededCustomer customer) => SandboxAnswer.Json(200, BillingProfile(customer));

    /// <summary><c>GET …/qualifications</c>: the customer's qualifications, an empty list for a commercial customer.</summary>
    public static SandboxAnswer GetQualifications(SeededCustomer customer) => SandboxAnswer.Json(200,
        customer.Qualifications.Select(q => new QualificationResource(q, "Approved", new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc))).ToList());

    /// <summary>The older <c>GET …/qualification</c>: one value, <c>none</c> for a commercial customer.</summary>
    public static SandboxAnswer GetQualification(SeededCustomer customer) =>
        SandboxAnswer.Json(200, (customer.Qualifications.Count > 0 ? customer.Qualifications[0] : "none").ToLowerInvariant());

    /// <summary><c>GET …/validationStatus?type=account</c>: the status, or 404 600074 when the customer has none on record.</summary>
    public static SandboxAnswer GetValidationStatus(SeededCustomer customer, string? type)
    {
        if (!string.Equals(type, "account", StringComparison.OrdinalIgnoreCase))
        {
            return SandboxAnswer.Error(400, ErrorCodes.InvalidInput,
                $"The query parameter type must be 'account' (the one validation type); got '{type}'.");
        }

        return customer.AccountStatus is { } status
            ? SandboxAnswer.Json(200, new ValidationStatusResource("account", status, CustomerDirectory.LastUpdated))
            : SandboxAnswer.Error(404, ErrorCodes.NoValidationStatus, string.Create(CultureInfo.InvariantCulture,
                $"No account validation status was found for customer {customer.Id:D}."));
    }

    private static BillingProfileResource BillingProfile(SeededCustomer customer) => new(
        CustomerDirectory.CommerceIdOf(customer.Id).ToString("N"),
        "Billing",
        "Contact",
        $"billing@{customer.Domain}",
        Culture(customer.Country),
        Culture(customer.Country)[..2],
        customer.CompanyName,
        Address(customer) with { FirstName = "Billing", LastName = "Contact" },
        new SelfLinks(Get($"/customers/{customer.Id:D}/profiles/billing")),
        new EtagAttributes("sandbox-1", "CustomerBillingProfile"));

    private static AddressResource Address(SeededCustomer customer) =>
        new(customer.Country, customer.City, "1 Sandbox Way", "00000", null, null, "0000000000");

    private static string Culture(string country) => country.ToUpperInvariant() switch
    {
        "DE" => "de-DE",
        "GB" => "en-GB",
        _ => "en-US",
    };

    private static ResourceLink Get(string uri) => new(uri, "GET", []);
}
