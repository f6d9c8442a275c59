namespace LoadHarness.Core.Thresholds;

/// <summary>The statistic of a metric a threshold compares.</summary>
public enum ThresholdStat
{
    Percentile,
    Avg,
    Med,
    Min,
    Max,
    Rate,
    Percent,
    Count,
    Rps,
    Dropped,
}
