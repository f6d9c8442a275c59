using HdrHistogram;

namespace LoadHarness.Core.Metrics;

/// <summary>
/// Open model: how late each iteration actually started behind its scheduled start (µs, 0 when on time). Like
/// <see cref="StepRecorder"/>, each writer thread has its own interval <see cref="Recorder"/>: no lock and no
/// allocation per sample. The collector drains the shards into one cumulative histogram.
/// </summary>
internal sealed class LatenessRecorder
{
    private readonly ThreadLocal<Shard> shards = new(() => new Shard(), trackAllValues: true);

    /// <summary>Every sample drained so far (collector-owned; updated by <see cref="Collect"/>).</summary>
    public LongHistogram Cumulative { get; } = Histograms.Create();

    /// <summary>Records one start that was <paramref name="micros"/> late (negative = early, recorded as 0).</summary>
    public void Record(long micros)
    {
        if (micros < 0)
        {
            micros = 0;
        }
        else if (micros > Histograms.HighestMicros)
        {
            micros = Histograms.HighestMicros;
        }

        shards.Value!.Recorder.RecordValue(micros);
    }

    /// <summary>Collector only: drains every shard into <see cref="Cumulative"/> and returns it.</summary>
    public LongHistogram Collect()
    {
        foreach (var shard in shards.Values)
        {
            var sample = shard.Recorder.GetIntervalHistogram(shard.Recycle);
            Cumulative.Add(sample);
            shard.Recycle = sample;
        }

        return Cumulative;
    }

    private sealed class Shard
    {
        public readonly Recorder Recorder = Histograms.CreateIntervalRecorder();

        public HistogramBase? Recycle;
    }
}
