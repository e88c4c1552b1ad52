namespace BatchOrders.Reading;

/// <summary>Raised inside the readers for a file that cannot be read at all; <see cref="SpreadsheetReader"/> turns it into an <see cref="InputFileProblem"/>.</summary>
internal sealed class InputFileException(string message, Exception? innerException = null) : Exception(message, innerException);
