namespace BatchOrders.Cli.Output;

/// <summary>How far a command had come when something unexpected stopped it: what the last resort can promise.</summary>
internal enum RunStage
{
    /// <summary>A command that does not read an input file or send orders (status, report, template, sandbox), or not known.</summary>
    Command,

    /// <summary>Reading, checking and planning the input file: nothing was sent, and the file is the likely cause.</summary>
    Reading,

    /// <summary>Opening the journal, signing in, checking for repeats: nothing was sent yet.</summary>
    Preparing,

    /// <summary>Sending orders: the journal holds what happened, so the same command resumes.</summary>
    Sending,
}
