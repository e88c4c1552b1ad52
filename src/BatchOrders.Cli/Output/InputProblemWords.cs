using BatchOrders.Cli.Commands;
using BatchOrders.Reading;

namespace BatchOrders.Cli.Output;

/// <summary>A file problem in the CLI's words: the library's message, and for a file over a budget, the flag that raises it.</summary>
internal static class InputProblemWords
{
    public static string For(InputFileProblem problem) => problem.Budget is { } budget
        ? $"{problem.Message} If the file is right as it is, raise the limit with {SubmitCommand.Settings.FlagOf(budget)}."
        : problem.Message;
}
