namespace LoadHarness.Reporting.Compare;

/// <summary>How far a metric must move, and how sure the comparison must be, before it is called a change.</summary>
public sealed record CompareOptions
{
    /// <summary>Relative change that matters, in percent (<c>--fail-on-regression PCT</c>); 10 by default.</summary>
    public double TolerancePercent { get; init; } = 10;

    /// <summary>
    /// Smallest latency change that matters, ms (<c>--min-change-ms</c>). Null: 1 % of the scope's p(95) threshold
    /// (the step's, else the scenario's, else an all-scenario one), else <see cref="DefaultMinChangeMs"/>.
    /// </summary>
    public double? MinChangeMs { get; init; }

    /// <summary>Smallest error-rate change that matters, in percentage points.</summary>
    public double MinErrorPoints { get; init; } = 0.1;

    /// <summary>Smallest throughput change that matters, requests/s.</summary>
    public double MinRps { get; init; } = 0.1;

    /// <summary>Two-sided confidence of the bootstrap interval.</summary>
    public double Confidence { get; init; } = 0.95;

    public int Resamples { get; init; } = 2000;

    public const double DefaultMinChangeMs = 1;

    /// <summary>The floor is this share of the p(95) threshold's limit.</summary>
    public const double ThresholdShare = 0.01;
}
