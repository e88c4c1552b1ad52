namespace BatchOrders.Reading;

/// <summary>What a cell's number format shows a number as: which decides how the number is read as text.</summary>
internal enum NumberFormatKind
{
    /// <summary>A plain number (General, 0.00, currency, percent …).</summary>
    Number,

    /// <summary>A date, or a date and time of day.</summary>
    Date,

    /// <summary>A time of day without a date (h:mm, hh:mm:ss AM/PM).</summary>
    Time,

    /// <summary>Elapsed time ([h]:mm, [mm]:ss): hours past 24 and negative values are shown as they are.</summary>
    Duration,
}
