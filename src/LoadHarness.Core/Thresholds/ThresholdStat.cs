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

    /// <summary>A measurement's own value (<c>db.index_hit_ratio &gt; 0.99</c>: no statistic written).</summary>
    Value,
}
