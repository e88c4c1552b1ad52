namespace BatchOrders.Results;

/// <summary>The style indexes of the template cells, as ClosedXML saved them.</summary>
internal sealed record TemplateStyles(string Default, string QuotePrefix, string Date, IReadOnlyList<string> States);
