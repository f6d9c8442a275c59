using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Charts;

/// <summary>
/// Keeps long timelines readable: at most <see cref="MaxPoints"/> points per series. Counts add up,
/// rates are recomputed from the sums, VUs are averaged and latency percentiles keep the bucket's worst
/// (so a spike never disappears from the chart).
/// </summary>
internal static class TimelineAggregation
{
    public const int MaxPoints = 600;

    public static IReadOnlyList<IntervalPoint> Downsample(IReadOnlyList<IntervalPoint> points, int maxPoints = MaxPoints)
    {
        if (points.Count <= maxPoints)
        {
            return points;
        }

        var size = (int)Math.Ceiling(points.Count / (double)maxPoints);
        var result = new List<IntervalPoint>(maxPoints);
        for (var i = 0; i < points.Count; i += size)
        {
            result.Add(Merge(points, i, Math.Min(size, points.Count - i)));
        }

        return result;
    }

    /// <summary>Adds the scenarios' timelines point by point (by whole second), for run-wide charts.</summary>
    public static IReadOnlyList<IntervalPoint> Sum(IEnumerable<IReadOnlyList<IntervalPoint>> timelines) =>
        [.. timelines
            .SelectMany(t => t)
            .GroupBy(p => Math.Round(p.TimeSec, 3))
            .OrderBy(g => g.Key)
            .Select(g => Combine([.. g], g.Key, g.Max(p => p.IntervalSec), average: false))];

    public static IReadOnlyList<PlanPoint> Downsample(IReadOnlyList<PlanPoint> points, int maxPoints = MaxPoints)
    {
        if (points.Count <= maxPoints)
        {
            return points;
        }

        var step = (int)Math.Ceiling(points.Count / (double)maxPoints);
        var result = new List<PlanPoint>(maxPoints + 1);
        for (var i = 0; i < points.Count; i += step)
        {
            result.Add(points[i]);
        }

        if (result[^1] != points[^1])
        {
            result.Add(points[^1]);
        }

        return result;
    }

    private static IntervalPoint Merge(IReadOnlyList<IntervalPoint> points, int start, int count)
    {
        var bucket = new IntervalPoint[count];
        for (var i = 0; i < count; i++)
        {
            bucket[i] = points[start + i];
        }

        return Combine(bucket, bucket[^1].TimeSec, bucket.Sum(p => p.IntervalSec), average: true);
    }

    private static IntervalPoint Combine(IntervalPoint[] bucket, double timeSec, double intervalSec, bool average)
    {
        var requests = bucket.Sum(p => p.Requests);
        var fail = bucket.Sum(p => p.Fail);
        var seconds = intervalSec > 0 ? intervalSec : 1;
        return new IntervalPoint
        {
            TimeSec = timeSec,
            IntervalSec = seconds,
            ActiveVUs = average ? (int)Math.Round(bucket.Average(p => p.ActiveVUs)) : bucket.Sum(p => p.ActiveVUs),
            TargetRate = average ? bucket.Average(p => p.TargetRate) : bucket.Sum(p => p.TargetRate),
            Started = bucket.Sum(p => p.Started),
            Completed = bucket.Sum(p => p.Completed),
            Dropped = bucket.Sum(p => p.Dropped),
            Requests = requests,
            Ok = bucket.Sum(p => p.Ok),
            Fail = fail,
            Rps = requests / seconds,
            ErrorRate = requests == 0 ? 0 : (double)fail / requests,
            P50Ms = bucket.Max(p => Finite(p.P50Ms)),
            P75Ms = bucket.Max(p => Finite(p.P75Ms)),
            P95Ms = bucket.Max(p => Finite(p.P95Ms)),
            P99Ms = bucket.Max(p => Finite(p.P99Ms)),
            MaxMs = bucket.Max(p => Finite(p.MaxMs)),
        };
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
