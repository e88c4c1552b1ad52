namespace BatchOrders.Reading;

/// <summary>How long values are shown in messages and tables: the start of the text and an ellipsis.</summary>
public static class DisplayText
{
    public const int ShortLength = 40;

    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= ShortLength ? text : string.Concat(text.AsSpan(0, ShortLength), "…");
    }
}
