namespace BatchOrders.Tests.Sandbox;

/// <summary>The seeded customers, subscriptions, offers, promotions and resellers the sandbox's tests name (see its seed-catalog.json).</summary>
internal static class Seeded
{
    /// <summary>US, reseller, Allowed; owns an active Microsoft 365 E3 (NCE) and an active Office 365 E3 (legacy).</summary>
    public const string Contoso = "ade96ee9-2ca1-4e9e-9ba4-e4aefdf3420d";

    /// <summary>Contoso's active Microsoft 365 E3 (NCE), P1Y monthly, order <see cref="ContosoNceOrder"/>.</summary>
    public const string ContosoNceE3Subscription = "10664fce-3da9-478b-a737-9ede142f1e0f";

    public const string ContosoNceOrder = "Cs_c0nT0s0NcE3aNnUaLmOnThLy00001";

    /// <summary>Contoso's active Office 365 E3 (legacy), order <see cref="ContosoLegacyOrder"/>.</summary>
    public const string ContosoLegacyE3Subscription = "bd44c72f-5cf7-4ef2-8b3f-130496cf742b";

    public const string ContosoLegacyOrder = "Cs_c0nT0s0LeGaCyE3oRdEr000000002";

    /// <summary>US, reseller, Allowed; owns Microsoft 365 Business Basic (NCE).</summary>
    public const string Fabrikam = "1eb7bb4e-230c-41e2-a3e8-34a8177e32c0";

    public const string FabrikamBusinessBasicSubscription = "09efccbb-c719-49a6-b4d2-66e8c6726672";

    /// <summary>US, account UnderReview: may not transact.</summary>
    public const string Northwind = "7c02dd26-287f-44a4-b46f-ef45afa190e9";

    /// <summary>US, relationship none: not the partner's customer.</summary>
    public const string Tailspin = "0b8d5134-d481-499c-8a1d-d6325dc45008";

    /// <summary>US, Education qualification.</summary>
    public const string Woodgrove = "e89e8b7f-6b11-44f3-8b32-38c58fffe235";

    /// <summary>US, no validation status on record; owns a suspended Microsoft 365 E3 (NCE).</summary>
    public const string Litware = "84d911ab-d515-41ab-8c12-ae3f2171ccfe";

    public const string LitwareSuspendedSubscription = "48ebf641-8b1c-44e2-a0e1-07e6df15814b";

    /// <summary>GB; owns a suspended Exchange Online (Plan 1) (legacy).</summary>
    public const string AdventureWorks = "10b6d825-6547-46b1-b027-86f3577cace7";

    public const string AdventureWorksSuspendedSubscription = "afd10653-02ce-42c7-b109-edf2cf76c5d7";

    public const string AdventureWorksSuspendedOrder = "Cs_aDvEnTuReWoRkSsUsPeNdEd0000005";

    /// <summary>GB, no delegated access (its company address is not shown); owns Microsoft 365 E5 (NCE).</summary>
    public const string AlpineSkiHouse = "08644b60-f84e-41dc-bd9c-d18ed15d744f";

    /// <summary>Alpine Ski House's active Microsoft 365 E5 (NCE) subscription, P1Y billed annually: a parent for Teams Phone.</summary>
    public const string AlpineSkiHouseNceE5Subscription = "3f015aad-fa99-4d8d-b7e9-c2d1a1b7c2c6";

    /// <summary>GB, account NotAllowed.</summary>
    public const string CohoWinery = "c66d8b71-395f-48dd-8830-d17a5b7c5c44";

    /// <summary>DE, reseller, Allowed; owns Microsoft 365 Business Premium (NCE).</summary>
    public const string WingtipToys = "a494485e-15e4-43b6-8596-c6c383ce3eed";

    /// <summary>DE, reseller, Allowed.</summary>
    public const string Proseware = "9f64c057-a679-4c43-9df7-8cc2ad0dd02f";

    /// <summary>DE, relationship none.</summary>
    public const string Lamna = "d7132831-a1a1-4c48-88f1-1b5621202140";

    /// <summary>DE, account status Unknown.</summary>
    public const string TreyResearch = "179239f4-f3d3-46de-bf80-bca6bf41570c";

    /// <summary>Microsoft 365 A3 for faculty (NCE): sold to education customers only.</summary>
    public const string NceEducation = "CFQ7TTC0LFK9:0002:CFQ7TTC0KDD1";

    /// <summary>Microsoft 365 E5 Compliance (NCE): in the catalog, not purchasable.</summary>
    public const string NceNotPurchasable = "CFQ7TTC0LFKB:0001:CFQ7TTC0KC4W";

    /// <summary>Office 365 Enterprise E4 (legacy): retired, 403 2091.</summary>
    public const string LegacyRetired = "5E3F1A2B-7C4D-4E8F-9A0B-1C2D3E4F5A61";

    /// <summary>Microsoft 365 Business Voice (legacy): sold in US and GB only.</summary>
    public const string LegacyUsGbOnly = "6F4A2B3C-8D5E-4F90-AB1C-2D3E4F5A6B72";

    /// <summary>E3 (NCE): 25–2,400 seats, P1Y only.</summary>
    public const string PromotionE3Seats = "39NFJQT1Q5KV";

    /// <summary>Business Premium (NCE): first purchase only.</summary>
    public const string PromotionFirstPurchase = "39NFJQT1Q5KW";

    /// <summary>Business Basic (NCE): ended in 2021.</summary>
    public const string PromotionEnded = "39NFJQT1Q5KX";

    /// <summary>Copilot (NCE): needs E3 or E5 (NCE) owned.</summary>
    public const string PromotionNeedsE3 = "39NFJQT1Q5KY";

    /// <summary>Teams Essentials (NCE): no redemptions left.</summary>
    public const string PromotionUsedUp = "39NFJQT1Q5KZ";

    public const string TeamsEssentials = "CFQ7TTC0LHSF:0001:CFQ7TTC0KBZ3";

    public const string ResellerNotFound = "9999999";

    public const string ResellerNotIndirect = "7654321";

    public const string ResellerAgreementNotAccepted = "6543210";
}
