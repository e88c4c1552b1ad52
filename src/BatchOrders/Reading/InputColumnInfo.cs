namespace BatchOrders.Reading;

/// <summary>What one known column is: its name in templates, whether it is required, and how to fill it.</summary>
internal sealed record InputColumnInfo(
    InputColumn Column,
    string Name,
    bool Required,
    string Description,
    string Example,
    IReadOnlyList<string> Aliases);
