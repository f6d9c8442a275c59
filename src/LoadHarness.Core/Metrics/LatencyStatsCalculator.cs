using HdrHistogram;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Metrics;

/// <summary>Latency statistics (ms) from a microsecond histogram.</summary>
public static class LatencyStatsCalculator
{
    public static LatencyStats From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return LatencyStats.Empty;
        }

        return new LatencyStats
        {
            MinMs = Ms(MinValue(histogram)),
            MeanMs = histogram.GetMean() / 1000.0,
            StdDevMs = histogram.GetStdDeviation() / 1000.0,
            P50Ms = Percentile(histogram, 50),
            P75Ms = Percentile(histogram, 75),
            P90Ms = Percentile(histogram, 90),
            P95Ms = Percentile(histogram, 95),
            P99Ms = Percentile(histogram, 99),
            MaxMs = Ms(histogram.GetMaxValue()),
        };
    }

    public static double Percentile(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : Ms(histogram.GetValueAtPercentile(percentile));

    /// <summary>The lowest recorded value (µs), or 0 when empty.</summary>
    public static long MinValue(HistogramBase histogram)
    {
        foreach (var value in histogram.RecordedValues())
        {
            return histogram.LowestEquivalentValue(value.ValueIteratedTo);
        }

        return 0;
    }

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
