using LoadHarness.Core.Parsing;

namespace LoadHarness.Http.Checks;

/// <summary>A check that does not parse; <see cref="ExpressionParseException.Position"/> is where it went wrong.</summary>
public sealed class HttpCheckParseException : ExpressionParseException
{
    public HttpCheckParseException(string text, int position, string reason)
        : base($"check '{text}': {reason} at position {position}", text, position, reason)
    {
    }

    public HttpCheckParseException()
        : this("invalid check", null)
    {
    }

    public HttpCheckParseException(string message)
        : this(message, null)
    {
    }

    public HttpCheckParseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
