namespace BatchOrders.Reading;

/// <summary>A problem with the file as a whole (missing, empty, corrupt, wrong columns): nothing in it can be used.</summary>
public sealed record InputFileProblem(string File, string Message);
