namespace BatchOrders.Reading;

/// <summary>A problem with the file as a whole (missing, empty, corrupt, wrong columns): nothing in it can be used.</summary>
/// <param name="File">The input file's path.</param>
/// <param name="Message">What is wrong and what to do, in plain words.</param>
public sealed record InputFileProblem(string File, string Message);
