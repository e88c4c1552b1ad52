namespace BatchOrders.Reading;

/// <summary>Raised inside the readers for a file that cannot be read at all; <see cref="SpreadsheetReader"/> turns it into an <see cref="InputFileProblem"/>.</summary>
internal sealed class InputFileException(string message, Exception? innerException = null, ReadBudget? budget = null) : Exception(message, innerException)
{
    /// <summary>The budget the file went over, when that is why it cannot be read.</summary>
    public ReadBudget? Budget { get; } = budget;
}
