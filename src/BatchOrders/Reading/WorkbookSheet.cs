namespace BatchOrders.Reading;

/// <summary>One sheet as the workbook lists it: its name and its part, null when it is no worksheet (a chart sheet).</summary>
internal sealed record WorkbookSheet(string Name, string? Part)
{
    /// <summary>The named sheet (ignoring case and outer spaces), or the first; an <see cref="InputFileException"/> naming the sheets there are.</summary>
    public static WorkbookSheet Choose(IReadOnlyList<WorkbookSheet> sheets, string? name)
    {
        if (sheets.Count == 0)
        {
            throw new InputFileException("The workbook has no sheets.");
        }

        var sheet = name is null
            ? sheets[0]
            : sheets.FirstOrDefault(s => string.Equals(s.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
              ?? throw new InputFileException(
                  $"The workbook has no sheet named '{name}'. Its sheets are: {string.Join(", ", sheets.Select(s => $"'{s.Name}'"))}.");

        return sheet.Part is null
            ? throw new InputFileException($"Sheet '{sheet.Name}' is not a worksheet (it may be a chart sheet): choose another with --sheet.")
            : sheet;
    }
}
