namespace LoadHarness.Core.Thresholds;

/// <summary>An expression that does not parse; <see cref="Position"/> is the 0-based character where it went wrong.</summary>
public sealed class ThresholdParseException : FormatException
{
    public ThresholdParseException(string expression, int position, string reason)
        : base($"threshold '{expression}': {reason} at position {position}\n  {expression}\n  {new string(' ', Math.Max(0, position))}^")
    {
        Expression = expression;
        Position = position;
        Reason = reason;
    }

    public ThresholdParseException()
    {
        Expression = "";
        Reason = "";
    }

    public ThresholdParseException(string message)
        : base(message)
    {
        Expression = "";
        Reason = message;
    }

    public ThresholdParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = "";
        Reason = message;
    }

    public string Expression { get; }

    public int Position { get; }

    public string Reason { get; }
}
