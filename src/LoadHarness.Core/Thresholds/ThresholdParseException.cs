using LoadHarness.Core.Parsing;

namespace LoadHarness.Core.Thresholds;

/// <summary>A threshold expression that does not parse, shown with a caret under the position.</summary>
public sealed class ThresholdParseException : ExpressionParseException
{
    public ThresholdParseException(string expression, int position, string reason)
        : base($"threshold '{expression}': {reason} at position {position}\n  {expression}\n  {new string(' ', Math.Max(0, position))}^", expression, position, reason)
    {
    }

    public ThresholdParseException()
        : this("invalid threshold", null)
    {
    }

    public ThresholdParseException(string message)
        : this(message, null)
    {
    }

    public ThresholdParseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The expression as written (<see cref="ExpressionParseException.Text"/>).</summary>
    public string Expression => Text;
}
