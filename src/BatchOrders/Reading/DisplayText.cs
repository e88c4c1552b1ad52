namespace BatchOrders.Reading;

/// <summary>How long values are shown in messages and tables: the start of the text and an ellipsis.</summary>
public static class DisplayText
{
    /// <summary>How many characters of a long value are shown.</summary>
    public const int ShortLength = 40;

    /// <summary>The text itself when short, else its first <see cref="ShortLength"/> characters and "…".</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= ShortLength ? text : string.Concat(text.AsSpan(0, ShortLength), "…");
    }
}
