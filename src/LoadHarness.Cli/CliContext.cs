using LoadHarness.Cli.Output;

namespace LoadHarness.Cli;

/// <summary>Where a command writes (stdout/stderr or a test's writers) and whether stdout is an interactive terminal.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool isTerminal)
{
    public TextWriter Out { get; } = TextWriter.Synchronized(output);

    public TextWriter Err { get; } = TextWriter.Synchronized(error);

    /// <summary>True only for a real console that is not redirected (live tables); tests and CI get lines.</summary>
    public bool IsTerminal { get; } = isTerminal;

    public bool Verbose { get; set; }

    public void Problem(string message) => Err.WriteLine(Redactor.Text(message));
}
