namespace LoadHarness.Core.Parsing;

/// <summary>
/// A one-line expression (a threshold, a check) that does not parse: <see cref="Text"/> as written, the 0-based
/// <see cref="Position"/> where it went wrong and the <see cref="Reason"/>.
/// </summary>
public abstract class ExpressionParseException : FormatException
{
    protected ExpressionParseException(string message, string text, int position, string reason)
        : base(message)
    {
        Text = text;
        Position = position;
        Reason = reason;
    }

    protected ExpressionParseException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Text = "";
        Reason = message;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    public int Position { get; }

    public string Reason { get; }
}
