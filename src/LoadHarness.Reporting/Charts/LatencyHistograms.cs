using HdrHistogram;
using HdrHistogram.Utilities;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Charts;

/// <summary>Decodes a <see cref="StatsBlock"/>'s HdrHistograms (base64 of the compressed encoding, microseconds).</summary>
internal static class LatencyHistograms
{
    /// <summary>1 h in µs: the range the engine records; decoding never shrinks below it.</summary>
    private const long HighestTrackableMicros = 3_600_000_000L;

    /// <summary>Ok and failed latencies together, or null when the block carries no histogram (or no samples).</summary>
    public static HistogramBase? All(StatsBlock stats)
    {
        var ok = Decode(stats.OkHistogram);
        var fail = Decode(stats.FailHistogram);
        if (ok is null)
        {
            return fail is { TotalCount: > 0 } ? fail : null;
        }

        if (fail is not null)
        {
            ok.Add(fail);
        }

        return ok.TotalCount > 0 ? ok : null;
    }

    public static HistogramBase? Decode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = ByteBuffer.Allocate(Convert.FromBase64String(base64));
        return HistogramEncoding.DecodeFromCompressedByteBuffer(buffer, HighestTrackableMicros);
    }
}
