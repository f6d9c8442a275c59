using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Compare;

/// <summary>
/// The per-second samples of one metric of one scope, for every run of a comparison, aligned by the second of the run
/// they belong to (runs of one load plan are at the same planned load in the same second). Long runs are cut into at
/// most <see cref="MaxWindows"/> windows of whole seconds (a window's latency is the median of its seconds, its counts the
/// sums), so the bootstrap's cost does not grow with the run's length.
/// </summary>
internal sealed class AlignedSeconds
{
    public const int MaxWindows = 300;

    private readonly double[][] values;
    private readonly double[][] requests;
    private readonly double[][] fails;

    private AlignedSeconds(double[][] values, double[][] requests, double[][] fails, int windowSeconds)
    {
        this.values = values;
        this.requests = requests;
        this.fails = fails;
        WindowSeconds = windowSeconds;
    }

    public int Runs => values.Length;

    public int Windows => values.Length == 0 ? 0 : values[0].Length;

    /// <summary>Seconds per window: 1 unless the run is longer than <see cref="MaxWindows"/> seconds.</summary>
    public int WindowSeconds { get; }

    /// <summary>The window's latency sample (ms), NaN when the run had no requests in it.</summary>
    public double Value(int run, int window) => values[run][window];

    /// <summary>Requests in the window; NaN when the run has no point in it (it ended earlier).</summary>
    public double Requests(int run, int window) => requests[run][window];

    public double Fails(int run, int window) => fails[run][window];

    public static AlignedSeconds Build(IReadOnlyList<IReadOnlyList<IntervalPoint>> timelines, MetricDescriptor metric)
    {
        var perRun = timelines.Select(t => BySecond(t, metric)).ToArray();
        var keys = perRun.SelectMany(d => d.Keys).Distinct().Order().ToArray();
        var width = Math.Max(1, (int)Math.Ceiling(keys.Length / (double)MaxWindows));
        var windows = (keys.Length + width - 1) / width;
        var values = new double[perRun.Length][];
        var requests = new double[perRun.Length][];
        var fails = new double[perRun.Length][];
        var scratch = new List<double>(width);
        for (var r = 0; r < perRun.Length; r++)
        {
            values[r] = new double[windows];
            requests[r] = new double[windows];
            fails[r] = new double[windows];
            for (var w = 0; w < windows; w++)
            {
                scratch.Clear();
                double req = 0, fail = 0;
                var present = false;
                for (var k = w * width; k < Math.Min(keys.Length, (w + 1) * width); k++)
                {
                    if (!perRun[r].TryGetValue(keys[k], out var s))
                    {
                        continue;
                    }

                    present = true;
                    req += s.Requests;
                    fail += s.Fails;
                    if (s.Requests > 0 && double.IsFinite(s.Value))
                    {
                        scratch.Add(s.Value);
                    }
                }

                values[r][w] = scratch.Count == 0 ? double.NaN : Statistics.Median(scratch);
                requests[r][w] = present ? req : double.NaN;
                fails[r][w] = present ? fail : double.NaN;
            }
        }

        return new AlignedSeconds(values, requests, fails, width);
    }

    /// <summary>
    /// Points by the nearest whole second (snapshots are taken every second, a few ms late or early: 15.007 and 14.998 are
    /// both second 15); a short last interval landing on the same second is added to it.
    /// </summary>
    private static Dictionary<long, Sample> BySecond(IReadOnlyList<IntervalPoint> timeline, MetricDescriptor metric)
    {
        var samples = new Dictionary<long, Sample>();
        foreach (var p in timeline)
        {
            var key = (long)Math.Round(p.TimeSec, MidpointRounding.AwayFromZero);
            var value = metric.PerSecond(p) ?? double.NaN;
            var sample = new Sample(p.Requests > 0 ? value : double.NaN, p.Requests, p.Fail);
            samples[key] = samples.TryGetValue(key, out var earlier)
                ? new Sample(earlier.Requests >= sample.Requests ? earlier.Value : sample.Value, earlier.Requests + sample.Requests, earlier.Fails + sample.Fails)
                : sample;
        }

        return samples;
    }

    private readonly record struct Sample(double Value, long Requests, long Fails);
}
