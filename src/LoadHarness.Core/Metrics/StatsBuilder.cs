using HdrHistogram;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Metrics;

/// <summary>Builds a <see cref="StatsBlock"/> from ok/fail histograms and counters (used by recording and merging alike).</summary>
public static class StatsBuilder
{
    /// <summary>The ok+fail sum is only read here: one per thread, reset each time (a histogram is ~190 KB: LOH).</summary>
    [ThreadStatic]
    private static LongHistogram? scratch;

    public static StatsBlock Build(
        HistogramBase ok,
        HistogramBase fail,
        double durationSec,
        long bytes,
        long clamped,
        IReadOnlyDictionary<string, long> statusCodes,
        IReadOnlyList<ErrorKindCount> errors) =>
        Build(ok, fail, durationSec, bytes, clamped, statusCodes, errors, encode: true);

    /// <summary>
    /// <paramref name="encode"/> false: a provisional block that refers to <paramref name="ok"/> and
    /// <paramref name="fail"/> (live, not encoded) for judging thresholds during the run, which reads the histograms:
    /// its latency statistics are left empty (a dozen passes over ~23,000 buckets per block, every second, saved).
    /// </summary>
    internal static StatsBlock Build(
        HistogramBase ok,
        HistogramBase fail,
        double durationSec,
        long bytes,
        long clamped,
        IReadOnlyDictionary<string, long> statusCodes,
        IReadOnlyList<ErrorKindCount> errors,
        bool encode)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(fail);
        if (!encode)
        {
            var total = ok.TotalCount + fail.TotalCount;
            return new StatsBlock
            {
                RequestCount = total,
                OkCount = ok.TotalCount,
                FailCount = fail.TotalCount,
                Rps = durationSec > 0 ? total / durationSec : 0,
                ErrorRate = total == 0 ? 0 : (double)fail.TotalCount / total,
                Latency = LatencyStats.Empty,
                OkLatency = LatencyStats.Empty,
                BytesTotal = bytes,
                StatusCodes = statusCodes,
                Errors = errors,
                ClampedCount = clamped,
                LiveOk = ok,
                LiveFail = fail,
            };
        }

        var all = scratch ??= Histograms.Create();
        all.Reset();
        all.Add(ok);
        all.Add(fail);
        var requests = all.TotalCount;
        return new StatsBlock
        {
            RequestCount = requests,
            OkCount = ok.TotalCount,
            FailCount = fail.TotalCount,
            Rps = durationSec > 0 ? requests / durationSec : 0,
            ErrorRate = requests == 0 ? 0 : (double)fail.TotalCount / requests,
            Latency = LatencyStatsCalculator.From(all),
            OkLatency = LatencyStatsCalculator.From(ok),
            BytesTotal = bytes,
            StatusCodes = statusCodes,
            Errors = errors,
            ClampedCount = clamped,
            OkHistogram = HistogramCodec.Encode(ok),
            FailHistogram = HistogramCodec.Encode(fail),
        };
    }
}
