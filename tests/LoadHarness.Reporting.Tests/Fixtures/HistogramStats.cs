using HdrHistogram;
using HdrHistogram.Utilities;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>Stats and the result.json encoding computed from a real HdrHistogram (microseconds), as the engine does.</summary>
internal static class HistogramStats
{
    public const long HighestMicros = 3_600_000_000L;

    public static LongHistogram New() => new(1, HighestMicros, 3);

    public static LatencyStats Latency(HistogramBase h) => h.TotalCount == 0
        ? LatencyStats.Empty
        : new LatencyStats
        {
            MinMs = h.GetValueAtPercentile(0) / 1000.0,
            MeanMs = h.GetMean() / 1000.0,
            StdDevMs = h.GetStdDeviation() / 1000.0,
            P50Ms = h.GetValueAtPercentile(50) / 1000.0,
            P75Ms = h.GetValueAtPercentile(75) / 1000.0,
            P90Ms = h.GetValueAtPercentile(90) / 1000.0,
            P95Ms = h.GetValueAtPercentile(95) / 1000.0,
            P99Ms = h.GetValueAtPercentile(99) / 1000.0,
            MaxMs = h.GetMaxValue() / 1000.0,
        };

    public static string? Encode(HistogramBase h)
    {
        if (h.TotalCount == 0)
        {
            return null;
        }

        var buffer = ByteBuffer.Allocate(h.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(h, buffer);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }
}
