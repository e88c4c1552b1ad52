namespace BatchOrders.Planning;

/// <summary>Which <see cref="PurchasePath"/> orders take: decided per row by its offer, or forced for every order that can take it.</summary>
public enum PurchasePathChoice
{
    /// <summary>New-commerce catalog ids (<c>PRODUCT:SKU:AVAILABILITY</c>) through carts, legacy offer GUIDs through the orders API.</summary>
    Auto,

    /// <summary>Everything through the orders API (POST and PATCH), catalog ids too.</summary>
    Order,

    /// <summary>Everything but add-ons through carts; add-ons to an existing order can only be PATCHed into it.</summary>
    Cart,
}
