using System.Globalization;
using HdrHistogram;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Metrics;

/// <summary>
/// Records one step's (or a scenario's iterations') latencies and outcomes. Writers touch only their thread's
/// <see cref="RecorderShard"/>: no lock and no allocation per sample. Once a second the collector drains every shard
/// into an interval histogram (→ Timeline) and adds it to the cumulative one (→ final stats).
/// </summary>
public sealed class StepRecorder
{
    private readonly ThreadLocal<RecorderShard> shards = new(() => new RecorderShard(), trackAllValues: true);
    private readonly LongHistogram okInterval = Histograms.Create();
    private readonly LongHistogram failInterval = Histograms.Create();

    public StepRecorder(string name) => Name = name;

    public string Name { get; }

    /// <summary>Every ok sample so far (collector-owned; updated by <see cref="CollectInterval"/>).</summary>
    internal LongHistogram OkCumulative { get; } = Histograms.Create();

    internal LongHistogram FailCumulative { get; } = Histograms.Create();

    internal List<IntervalPoint> Timeline { get; } = [];

    public void RecordOk(long micros, int statusCode = 200, long bytes = 0) => shards.Value!.RecordOk(micros, statusCode, bytes);

    public void RecordFail(long micros, int statusCode, long bytes, string kind, string error) =>
        shards.Value!.RecordFail(micros, statusCode, bytes, kind, error);

    /// <summary>Failures so far (read live from the shards; may lag a sample).</summary>
    public long FailCountLive()
    {
        long sum = 0;
        foreach (var shard in shards.Values)
        {
            sum += Volatile.Read(ref shard.FailCount);
        }

        return sum;
    }

    /// <summary>Collector only: drains the shards; returns the interval's histograms (valid until the next call).</summary>
    internal (LongHistogram Ok, LongHistogram Fail) CollectInterval()
    {
        okInterval.Reset();
        failInterval.Reset();
        foreach (var shard in shards.Values)
        {
            shard.DrainInto(okInterval, failInterval);
        }

        OkCumulative.Add(okInterval);
        FailCumulative.Add(failInterval);
        return (okInterval, failInterval);
    }

    /// <summary>
    /// Stats so far from the cumulative histograms. <paramref name="final"/>: every writer has finished, so the
    /// per-shard error dictionaries may be read (provisional stats leave error kinds out).
    /// </summary>
    internal StatsBlock BuildStats(double durationSec, bool final)
    {
        long ok = 0, fail = 0, bytes = 0, clamped = 0;
        var status = new long[RecorderShard.StatusSlots];
        var other = new Dictionary<int, long>();
        var errors = new Dictionary<string, ErrorTally>(StringComparer.Ordinal);
        foreach (var shard in shards.Values)
        {
            ok += shard.OkCount;
            fail += shard.FailCount;
            bytes += shard.Bytes;
            clamped += shard.Clamped;
            for (var i = 0; i < status.Length; i++)
            {
                status[i] += Volatile.Read(ref shard.StatusCounts[i]);
            }

            foreach (var (code, count) in (final ? shard.OtherStatus : null) ?? [])
            {
                other[code] = other.GetValueOrDefault(code) + count;
            }

            foreach (var (kind, tally) in (final ? shard.Errors : null) ?? [])
            {
                if (errors.TryGetValue(kind, out var existing))
                {
                    existing.Count += tally.Count;
                }
                else
                {
                    errors[kind] = new ErrorTally { Count = tally.Count, FirstMessage = tally.FirstMessage };
                }
            }
        }

        var codes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] > 0)
            {
                codes[i == 0 ? StatsBlock.NoStatusCode : i.ToString(CultureInfo.InvariantCulture)] = status[i];
            }
        }

        foreach (var (code, count) in other)
        {
            codes[code.ToString(CultureInfo.InvariantCulture)] = count;
        }

        return StatsBuilder.Build(
            OkCumulative,
            FailCumulative,
            durationSec,
            bytes,
            clamped,
            codes,
            errors.Select(e => new ErrorKindCount { Kind = e.Key, Count = e.Value.Count, FirstMessage = e.Value.FirstMessage })
                .OrderByDescending(e => e.Count).ThenBy(e => e.Kind, StringComparer.Ordinal).ToArray(),
            encode: final);
    }
}
