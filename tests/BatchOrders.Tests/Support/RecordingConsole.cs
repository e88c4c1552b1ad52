using Spectre.Console;

namespace BatchOrders.Tests.Support;

/// <summary>A console for in-process CLI runs: no colours, no escape codes, wide, and everything it printed kept.</summary>
public sealed class RecordingConsole : IDisposable
{
    private readonly StringWriter _writer = new() { NewLine = "\n" };

    public RecordingConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 200;
    }

    public IAnsiConsole Console { get; }

    public string Output => _writer.ToString();

    public void Dispose() => _writer.Dispose();
}
