namespace LoadHarness.Reporting.Compare;

/// <summary>The per-second effect of the candidate over the baseline and its bootstrap interval.</summary>
/// <param name="Effect">Latency and throughput: relative change in percent; error rate: change in percentage points.</param>
/// <param name="Low">Lower end of the interval (same unit), null when there were too few paired seconds.</param>
/// <param name="High">Upper end of the interval.</param>
/// <param name="Pairs">Seconds (or windows) with samples on both sides.</param>
public sealed record SecondEffect(double? Effect, double? Low, double? High, int Pairs);

/// <summary>
/// A paired, hierarchical moving-block bootstrap of per-second samples. Each second of the candidate is paired with the
/// same second of the baseline (same planned load). One resample draws the runs of each side with replacement (so
/// several baseline runs bring their run-to-run spread into the interval), then blocks of consecutive seconds with
/// replacement (so a slow spell of a few seconds counts as one event, not as many independent ones), and computes:
/// latency — the median over the seconds of log(candidate / baseline); throughput — log of the ratio of the summed
/// requests; error rate — the difference of failed / all requests. The interval is the statistic ± Student's t (of the
/// number of blocks less one degrees of freedom) × the resamples' standard deviation, so few seconds give a wide
/// interval. Seeded by the scope and metric: the same files always give the same interval.
/// </summary>
internal static class PairedBootstrap
{
    public const int MinPairs = 5;

    /// <param name="data">Runs 0 .. <paramref name="baselineRuns"/>-1 are the baseline, the rest the candidate.</param>
    public static SecondEffect Estimate(AlignedSeconds data, int baselineRuns, SampleKind kind, CompareOptions options, int seed)
    {
        var n = data.Windows;
        var baseline = Enumerable.Range(0, baselineRuns).ToArray();
        var candidate = Enumerable.Range(baselineRuns, data.Runs - baselineRuns).ToArray();
        var windows = Enumerable.Range(0, n).ToArray();
        var scratch = new Scratch(n, Math.Max(baseline.Length, candidate.Length));
        var point = Statistic(data, kind, baseline, candidate, windows, scratch, out var pairs);
        if (pairs < MinPairs || !double.IsFinite(point))
        {
            return new SecondEffect(double.IsFinite(point) ? ToEffect(kind, point) : null, null, null, pairs);
        }

        var random = new Random(seed);
        var block = Math.Max(1, (int)Math.Round(Math.Cbrt(n)));
        var drawnBaseline = new int[baseline.Length];
        var drawnCandidate = new int[candidate.Length];
        var drawnWindows = new int[n];
        var replicates = new double[options.Resamples];
        var count = 0;
        for (var i = 0; i < options.Resamples; i++)
        {
            Draw(random, baseline, drawnBaseline);
            Draw(random, candidate, drawnCandidate);
            for (var filled = 0; filled < n;)
            {
                var start = random.Next(0, n - block + 1);
                for (var j = 0; j < block && filled < n; j++)
                {
                    drawnWindows[filled++] = start + j;
                }
            }

            var value = Statistic(data, kind, drawnBaseline, drawnCandidate, drawnWindows, scratch, out _);
            if (double.IsFinite(value))
            {
                replicates[count++] = value;
            }
        }

        if (count < options.Resamples / 2)
        {
            return new SecondEffect(ToEffect(kind, point), null, null, pairs);
        }

        // point ± t × the resamples' standard deviation, with t of (blocks - 1) degrees of freedom: a percentile
        // interval of a median from few blocks is too narrow (a 10 s run has 5 blocks, so t = 2.78, not 1.96).
        var mean = 0.0;
        for (var i = 0; i < count; i++)
        {
            mean += replicates[i];
        }

        mean /= count;
        var variance = 0.0;
        for (var i = 0; i < count; i++)
        {
            variance += (replicates[i] - mean) * (replicates[i] - mean);
        }

        var blocks = (int)Math.Ceiling(n / (double)block);
        var half = StudentT.Quantile(1 - ((1 - options.Confidence) / 2), Math.Max(1, blocks - 1)) * Math.Sqrt(variance / Math.Max(1, count - 1));
        return new SecondEffect(ToEffect(kind, point), ToEffect(kind, point - half), ToEffect(kind, point + half), pairs);
    }

    private static double ToEffect(SampleKind kind, double statistic) =>
        kind == SampleKind.ErrorRate ? statistic * 100 : (Math.Exp(statistic) - 1) * 100;

    /// <summary>Runs drawn with replacement; one run is always itself.</summary>
    private static void Draw(Random random, int[] runs, int[] drawn)
    {
        for (var i = 0; i < drawn.Length; i++)
        {
            drawn[i] = runs.Length == 1 ? runs[0] : runs[random.Next(runs.Length)];
        }
    }

    private static double Statistic(AlignedSeconds data, SampleKind kind, int[] baseline, int[] candidate, int[] windows, Scratch s, out int pairs)
    {
        pairs = 0;
        if (kind == SampleKind.Latency)
        {
            var count = 0;
            foreach (var w in windows)
            {
                var b = Across(data, baseline, w, s.Runs);
                var c = Across(data, candidate, w, s.Runs);
                if (b > 0 && c > 0)
                {
                    s.Logs[count++] = Math.Log(c / b);
                }
            }

            pairs = count;
            return Statistics.Median(s.Logs, count);
        }

        double baseRequests = 0, baseFails = 0, candRequests = 0, candFails = 0;
        foreach (var w in windows)
        {
            var (br, bf) = Counts(data, baseline, w);
            var (cr, cf) = Counts(data, candidate, w);
            if (double.IsNaN(br) || double.IsNaN(cr) || (kind == SampleKind.ErrorRate && (br == 0 || cr == 0)))
            {
                continue;
            }

            pairs++;
            baseRequests += br;
            baseFails += bf;
            candRequests += cr;
            candFails += cf;
        }

        return kind == SampleKind.Throughput
            ? baseRequests > 0 && candRequests > 0 ? Math.Log(candRequests / baseRequests) : double.NaN
            : baseRequests > 0 && candRequests > 0 ? (candFails / candRequests) - (baseFails / baseRequests) : double.NaN;
    }

    /// <summary>The median of the drawn runs' latency samples in one window (NaN when none had requests).</summary>
    private static double Across(AlignedSeconds data, int[] runs, int window, double[] scratch)
    {
        if (runs.Length == 1)
        {
            return data.Value(runs[0], window);
        }

        var count = 0;
        foreach (var r in runs)
        {
            var v = data.Value(r, window);
            if (double.IsFinite(v))
            {
                scratch[count++] = v;
            }
        }

        return Statistics.Median(scratch, count);
    }

    /// <summary>Mean requests and failures per drawn run in one window; NaN when a drawn run has no point there.</summary>
    private static (double Requests, double Fails) Counts(AlignedSeconds data, int[] runs, int window)
    {
        double requests = 0, fails = 0;
        foreach (var r in runs)
        {
            var q = data.Requests(r, window);
            if (double.IsNaN(q))
            {
                return (double.NaN, double.NaN);
            }

            requests += q;
            fails += data.Fails(r, window);
        }

        return (requests / runs.Length, fails / runs.Length);
    }

    private sealed class Scratch(int windows, int runs)
    {
        public double[] Logs { get; } = new double[windows];

        public double[] Runs { get; } = new double[Math.Max(1, runs)];
    }
}
