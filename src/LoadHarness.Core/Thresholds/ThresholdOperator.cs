namespace LoadHarness.Core.Thresholds;

/// <summary>How a threshold compares the observed value with its limit.</summary>
public enum ThresholdOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
