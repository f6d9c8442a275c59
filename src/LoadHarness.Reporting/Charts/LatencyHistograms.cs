using HdrHistogram;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Charts;

/// <summary>Decodes a <see cref="StatsBlock"/>'s HdrHistograms (base64 of the compressed encoding, microseconds).</summary>
internal static class LatencyHistograms
{
    /// <summary>Ok and failed latencies together, or null when the block carries no histogram (or no samples).</summary>
    public static HistogramBase? All(StatsBlock stats)
    {
        if (string.IsNullOrEmpty(stats.OkHistogram) && string.IsNullOrEmpty(stats.FailHistogram))
        {
            return null;
        }

        var all = HistogramCodec.DecodeOrEmpty(stats.OkHistogram);
        all.Add(HistogramCodec.DecodeOrEmpty(stats.FailHistogram));
        return all.TotalCount > 0 ? all : null;
    }
}
