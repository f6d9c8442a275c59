using System.Globalization;
using HdrHistogram;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Charts;

/// <summary>The latency distribution from the decoded HdrHistograms: a histogram and HdrHistogram's percentile curve.</summary>
internal static class DistributionCharts
{
    private const int Bins = 60;

    public static ReportChart? Histogram(RunResult result)
    {
        var histograms = Decoded(result);
        if (histograms.Count == 0)
        {
            return null;
        }

        // Log-spaced bins from the fastest request to p99.9 (the slower tail goes in the last bin; the
        // percentile chart shows it): a fast step and a 2 s timeout then both keep their shape.
        var lowMs = Math.Max(0.001, histograms.Min(h => h.Histogram.GetValueAtPercentile(0)) / 1000.0);
        var highMs = Math.Max(lowMs * 1.5, histograms.Max(h => h.Histogram.GetValueAtPercentile(99.9)) / 1000.0);
        var logLow = Math.Log10(lowMs);
        var width = (Math.Log10(highMs) - logLow) / Bins;
        var spec = new ChartSpec("Latency distribution", "latency (ms, log scale)", "requests");
        spec.X.Log = true;
        spec.X.Min = lowMs;
        spec.X.Max = highMs;
        var highest = new List<double>();
        for (var i = 0; i < histograms.Count; i++)
        {
            var counts = new double[Bins];
            foreach (var v in histograms[i].Histogram.RecordedValues())
            {
                var ms = Math.Max(lowMs, v.ValueIteratedTo / 1000.0);
                var bin = (int)Math.Clamp(Math.Floor((Math.Log10(ms) - logLow) / width), 0, Bins - 1);
                counts[bin] += v.CountAddedInThisIterationStep;
            }

            var color = ChartStyle.Series(i);
            var bars = Enumerable.Range(0, Bins).Where(b => counts[b] > 0)
                .Select(b => new ChartBar(Math.Pow(10, logLow + (b * width)), Math.Pow(10, logLow + ((b + 1) * width)), counts[b], color))
                .ToList();
            spec.Bars.Add(new ChartBars(histograms[i].Name, bars) { Opacity = histograms.Count > 1 ? 0.55 : 0.85 });
            highest.Add(counts.Max());
        }

        spec.FromZero(highest);

        return new ReportChart(
            ChartIds.Histogram,
            "Latency distribution",
            $"Requests by latency, {Bins} log-spaced bins from {NumberText.Ms(lowMs)} ms to p99.9 ({NumberText.Ms(highMs)} ms); slower requests are in the last bin.",
            spec);
    }

    public static ReportChart? Percentiles(RunResult result)
    {
        var histograms = Decoded(result);
        if (histograms.Count == 0)
        {
            return null;
        }

        var spec = new ChartSpec("Latency by percentile", "percentile", "latency (ms)");
        var maxX = 1.0;
        for (var i = 0; i < histograms.Count; i++)
        {
            var points = histograms[i].Histogram.Percentiles(5)
                .Where(p => p.PercentileLevelIteratedTo < 100)
                .Select(p => (X: Math.Log10(100 / (100 - p.PercentileLevelIteratedTo)), Y: p.ValueIteratedTo / 1000.0))
                .ToList();
            var max = histograms[i].Histogram.GetMaxValue() / 1000.0;
            var total = histograms[i].Histogram.TotalCount;
            points.Add((Math.Log10(Math.Max(10, total)), max));
            maxX = Math.Max(maxX, points.Max(p => p.X));
            var (x, y) = ChartLine.StepVertical(points);
            spec.Add(new ChartLine(histograms[i].Name, x, y, ChartStyle.Series(i)) { Width = 1.8 });
        }

        spec.X.Ticks = PercentileTicks(maxX);
        spec.X.Min = 0;
        spec.X.Max = Math.Ceiling(maxX);
        spec.Y.Min = 0;
        return new ReportChart(
            ChartIds.Percentiles,
            "Latency by percentile",
            "HdrHistogram's percentile distribution: x is 1/(1-q) on a log scale, so the tail (99 %, 99.9 %, ...) gets room.",
            spec);
    }

    /// <summary>A tick at each decade of 1/(1-q) up to <paramref name="maxX"/>: 0%, 90%, 99%, 99.9%, ...</summary>
    public static IReadOnlyList<AxisTick> PercentileTicks(double maxX) =>
        [.. Enumerable.Range(0, (int)Math.Ceiling(maxX) + 1).Select(d => new AxisTick(d, PercentileLabel(d)))];

    /// <summary>0 → "0%", 1 → "90%", 2 → "99%", 3 → "99.9%".</summary>
    private static string PercentileLabel(int decade) =>
        decade == 0 ? "0%" : (100 - Math.Pow(10, 2 - decade)).ToString("0.#########", CultureInfo.InvariantCulture) + "%";

    private static List<(string Name, HistogramBase Histogram)> Decoded(RunResult result) =>
        [.. result.Scenarios
            .Select(s => (s.Name, Histogram: LatencyHistograms.All(s.Stats)))
            .Where(x => x.Histogram is not null)
            .Select(x => (x.Name, x.Histogram!))];
}
