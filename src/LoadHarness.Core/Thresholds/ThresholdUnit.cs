namespace LoadHarness.Core.Thresholds;

/// <summary>The unit of a threshold's observed value and limit, known from the parsed expression.</summary>
public enum ThresholdUnit
{
    /// <summary>A plain count (requests, failed checks, dropped iterations).</summary>
    Number,

    /// <summary>A latency in milliseconds.</summary>
    Milliseconds,

    /// <summary>A share from 0 to 1 (k6's <c>rate</c>, the check pass rate).</summary>
    Fraction,

    /// <summary>A share from 0 to 100 (NBomber's <c>Percent</c>).</summary>
    Percent,

    /// <summary>Per second (<c>rps</c>).</summary>
    PerSecond,
}
