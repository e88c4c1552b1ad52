namespace BatchOrders.Reading;

/// <summary>A problem with the file as a whole (missing, empty, corrupt, wrong columns, too large): nothing in it can be used.</summary>
/// <param name="File">The input file's path.</param>
/// <param name="Message">What is wrong and what to do, in plain words.</param>
/// <param name="Budget">The budget of <see cref="ReadOptions"/> the file went over, when that is the problem; null otherwise.</param>
public sealed record InputFileProblem(string File, string Message, ReadBudget? Budget = null);
