using HdrHistogram;

namespace LoadHarness.Core.Metrics;

/// <summary>The one histogram shape of LoadHarness: microseconds, 1 µs .. 1 h, 3 significant digits.</summary>
public static class Histograms
{
    public const long LowestMicros = 1;

    public const long HighestMicros = 3_600_000_000;

    public const int SignificantDigits = 3;

    public static LongHistogram Create() => new(LowestMicros, HighestMicros, SignificantDigits);

    /// <summary>Clamps a latency into the histogram's range; returns true when it was above the range.</summary>
    public static bool Clamp(ref long micros)
    {
        if (micros < LowestMicros)
        {
            micros = LowestMicros;
            return false;
        }

        if (micros > HighestMicros)
        {
            micros = HighestMicros;
            return true;
        }

        return false;
    }

    /// <summary>A recorder whose interval histograms use int counts (half the memory; a second never holds 2^31 samples in one bucket).</summary>
    internal static Recorder CreateIntervalRecorder() =>
        new(LowestMicros, HighestMicros, SignificantDigits, (id, low, high, digits) => new IntHistogram(id, low, high, digits));
}
