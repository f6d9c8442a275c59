using HdrHistogram;

namespace LoadHarness.Core.Metrics;

/// <summary>
/// One thread's part of a <see cref="StepRecorder"/>. Only its owning thread writes to it (so plain increments are
/// safe); the collector reads the counters and swaps the interval histograms through HdrHistogram's
/// <see cref="Recorder"/>, which is correct with one writer and never blocks it.
/// </summary>
internal sealed class RecorderShard
{
    internal const int StatusSlots = 600;

    private readonly Recorder ok = Histograms.CreateIntervalRecorder();
    private Recorder? fail;
    private HistogramBase? okRecycle;
    private HistogramBase? failRecycle;

    public long OkCount;
    public long FailCount;
    public long Bytes;
    public long Clamped;

    /// <summary>Counts by status code 0..599; others go to <see cref="OtherStatus"/>.</summary>
    public readonly long[] StatusCounts = new long[StatusSlots];

    public Dictionary<int, long>? OtherStatus;

    /// <summary>Failures by kind; written by the owner, read only after the run (or while it is idle).</summary>
    public Dictionary<string, ErrorTally>? Errors;

    public void RecordOk(long micros, int statusCode, long bytes)
    {
        if (Histograms.Clamp(ref micros))
        {
            Clamped++;
        }

        ok.RecordValue(micros);
        OkCount++;
        Bytes += bytes;
        CountStatus(statusCode);
    }

    public void RecordFail(long micros, int statusCode, long bytes, string kind, string error)
    {
        if (Histograms.Clamp(ref micros))
        {
            Clamped++;
        }

        var recorder = fail;
        if (recorder is null)
        {
            recorder = Histograms.CreateIntervalRecorder();
            Volatile.Write(ref fail, recorder);
        }

        recorder.RecordValue(micros);
        FailCount++;
        Bytes += bytes;
        CountStatus(statusCode);
        var errors = Errors ??= new Dictionary<string, ErrorTally>(StringComparer.Ordinal);
        if (errors.TryGetValue(kind, out var tally))
        {
            tally.Count++;
        }
        else
        {
            errors[kind] = new ErrorTally { Count = 1, FirstMessage = error };
        }
    }

    /// <summary>Collector side: adds this shard's samples since the last call into the two interval histograms.</summary>
    public void DrainInto(HistogramBase okInterval, HistogramBase failInterval)
    {
        var okSample = ok.GetIntervalHistogram(okRecycle);
        okInterval.Add(okSample);
        okRecycle = okSample;
        var failRecorder = Volatile.Read(ref fail);
        if (failRecorder is not null)
        {
            var failSample = failRecorder.GetIntervalHistogram(failRecycle);
            failInterval.Add(failSample);
            failRecycle = failSample;
        }
    }

    private void CountStatus(int statusCode)
    {
        if ((uint)statusCode < StatusSlots)
        {
            StatusCounts[statusCode]++;
        }
        else
        {
            var other = OtherStatus ??= new Dictionary<int, long>();
            other[statusCode] = other.GetValueOrDefault(statusCode) + 1;
        }
    }
}

internal sealed class ErrorTally
{
    public long Count;

    public string? FirstMessage;
}
