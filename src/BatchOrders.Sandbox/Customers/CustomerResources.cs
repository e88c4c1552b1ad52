using BatchOrders.Sandbox.Orders;

namespace BatchOrders.Sandbox.Customers;

/// <summary>A <c>Customer</c> as Partner Center answers it (serialized camelCase).</summary>
internal sealed record CustomerResource(
    Guid Id,
    Guid CommerceId,
    CompanyProfileResource CompanyProfile,
    BillingProfileResource BillingProfile,
    string RelationshipToPartner,
    bool AllowDelegatedAccess,
    IReadOnlyList<string> CustomDomains,
    SelfLinks Links,
    ResourceAttributes Attributes);

/// <summary>The company profile: without delegated access Partner Center leaves the address out.</summary>
internal sealed record CompanyProfileResource(
    Guid TenantId,
    string Domain,
    string CompanyName,
    AddressResource? Address,
    string Email,
    SelfLinks Links,
    ResourceAttributes Attributes);

/// <summary>The billing profile; its default address carries the customer's country (ISO-2).</summary>
internal sealed record BillingProfileResource(
    string Id,
    string FirstName,
    string LastName,
    string Email,
    string Culture,
    string Language,
    string CompanyName,
    AddressResource DefaultAddress,
    SelfLinks Links,
    EtagAttributes Attributes);

internal sealed record AddressResource(string Country, string City, string AddressLine1, string PostalCode, string? FirstName, string? LastName, string PhoneNumber);

internal sealed record SelfLinks(ResourceLink Self);

internal sealed record EtagAttributes(string Etag, string ObjectType);

/// <summary>One of a customer's qualifications (<c>GET …/qualifications</c>).</summary>
internal sealed record QualificationResource(string Qualification, string VettingStatus, DateTime VettingCreateDate);

/// <summary>A customer's account validation status (<c>GET …/validationStatus?type=account</c>).</summary>
internal sealed record ValidationStatusResource(string Type, string Status, string LastUpdateDateTime);

/// <summary>What <c>GET /_sandbox/customers</c> lists: a seeded customer as a tester needs it to build a file.</summary>
internal sealed record SandboxCustomerView(
    Guid Id,
    string CompanyName,
    string Country,
    string Relationship,
    string AccountStatus,
    string Segment,
    IReadOnlyList<string> Qualifications,
    string Currency,
    IReadOnlyList<SandboxSubscriptionView> Subscriptions);

/// <summary>A subscription a seeded customer starts with, for <c>GET /_sandbox/customers</c>.</summary>
internal sealed record SandboxSubscriptionView(Guid Id, string OfferId, string OfferName, string Status, string OrderId, int Quantity, string? TermDuration, string BillingCycle);
