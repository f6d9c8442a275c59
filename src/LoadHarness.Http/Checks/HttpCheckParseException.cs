namespace LoadHarness.Http.Checks;

/// <summary>A check that does not parse; <see cref="Position"/> is the 0-based character where it went wrong.</summary>
public sealed class HttpCheckParseException : FormatException
{
    public HttpCheckParseException(string text, int position, string reason)
        : base($"check '{text}': {reason} at position {position}")
    {
        Text = text;
        Position = position;
        Reason = reason;
    }

    public HttpCheckParseException()
    {
        Text = "";
        Reason = "";
    }

    public HttpCheckParseException(string message)
        : base(message)
    {
        Text = "";
        Reason = message;
    }

    public HttpCheckParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Text = "";
        Reason = message;
    }

    public string Text { get; }

    public int Position { get; }

    public string Reason { get; }
}
