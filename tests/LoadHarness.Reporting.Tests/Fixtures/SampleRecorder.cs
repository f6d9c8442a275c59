using HdrHistogram;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>Records one step's (or scenario's) samples into real HdrHistograms, per second and overall.</summary>
internal sealed class SampleRecorder(string name)
{
    private readonly LongHistogram ok = Histograms.Create();
    private readonly LongHistogram fail = Histograms.Create();
    private readonly SortedDictionary<int, Second> seconds = [];
    private readonly Dictionary<string, long> codes = [];
    private readonly Dictionary<string, (long Count, string Message)> errors = [];
    private long bytes;

    public string Name { get; } = name;

    public void Record(int second, long micros, bool isOk, string statusCode, long responseBytes, string? errorKind = null, string? message = null)
    {
        (isOk ? ok : fail).RecordValue(Math.Clamp(micros, 1, Histograms.HighestMicros));
        if (!seconds.TryGetValue(second, out var s))
        {
            seconds[second] = s = new Second();
        }

        s.Latencies.Add(Math.Clamp(micros, 1, Histograms.HighestMicros));
        if (isOk)
        {
            s.Ok++;
        }
        else
        {
            s.Fail++;
            var kind = errorKind ?? "status " + statusCode;
            errors[kind] = errors.TryGetValue(kind, out var e) ? (e.Count + 1, e.Message) : (1, message ?? kind);
        }

        codes[statusCode] = codes.GetValueOrDefault(statusCode) + 1;
        bytes += responseBytes;
    }

    public void SetVUs(int second, int vus, double targetRate = 0)
    {
        if (!seconds.TryGetValue(second, out var s))
        {
            seconds[second] = s = new Second();
        }

        s.VUs = vus;
        s.TargetRate = targetRate;
    }

    /// <summary>The engine's own statistics (<see cref="StatsBuilder"/>) of what was recorded.</summary>
    public StatsBlock Stats(double durationSec) => StatsBuilder.Build(
        ok,
        fail,
        durationSec,
        bytes,
        clamped: 0,
        new Dictionary<string, long>(codes),
        [.. errors.OrderByDescending(e => e.Value.Count).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ErrorKindCount { Kind = e.Key, Count = e.Value.Count, FirstMessage = e.Value.Message })]);

    public IReadOnlyList<IntervalPoint> Timeline()
    {
        // Per-second histograms are small (2 digits, up to 1 min), as an interval recorder would use.
        var interval = new LongHistogram(1, 60_000_000, 2);
        return [.. seconds.Select(kv =>
        {
            var s = kv.Value;
            var requests = s.Ok + s.Fail;
            interval.Reset();
            foreach (var micros in s.Latencies)
            {
                interval.RecordValue(Math.Min(micros, interval.HighestTrackableValue));
            }

            var l = LatencyStatsCalculator.From(interval);
            return new IntervalPoint
            {
                TimeSec = kv.Key + 1,
                ActiveVUs = s.VUs,
                TargetRate = s.TargetRate,
                Started = requests,
                Completed = requests,
                Requests = requests,
                Ok = s.Ok,
                Fail = s.Fail,
                Rps = requests,
                ErrorRate = requests == 0 ? 0 : (double)s.Fail / requests,
                P50Ms = l.P50Ms,
                P75Ms = l.P75Ms,
                P95Ms = l.P95Ms,
                P99Ms = l.P99Ms,
                MaxMs = l.MaxMs,
                MeanMs = l.MeanMs,
            };
        })];
    }

    private sealed class Second
    {
        public List<long> Latencies { get; } = [];

        public long Ok { get; set; }

        public long Fail { get; set; }

        public int VUs { get; set; }

        public double TargetRate { get; set; }
    }
}
