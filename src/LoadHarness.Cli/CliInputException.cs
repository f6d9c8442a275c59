namespace LoadHarness.Cli;

/// <summary>Bad configuration, arguments or input file: reported as one message (no stack trace), exit code 2.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliInputException()
    {
    }
}
