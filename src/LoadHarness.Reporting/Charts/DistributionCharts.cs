using System.Globalization;
using HdrHistogram;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;
using ScottPlot;
using ScottPlot.TickGenerators;

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
        var plot = ChartStyle.NewPlot("Latency distribution", "latency (ms, log scale)", "requests");
        for (var i = 0; i < histograms.Count; i++)
        {
            var counts = new double[Bins];
            foreach (var v in histograms[i].Histogram.RecordedValues())
            {
                var ms = Math.Max(lowMs, v.ValueIteratedTo / 1000.0);
                var bin = (int)Math.Clamp(Math.Floor((Math.Log10(ms) - logLow) / width), 0, Bins - 1);
                counts[bin] += v.CountAddedInThisIterationStep;
            }

            var color = ChartStyle.Series(i).WithAlpha(histograms.Count > 1 ? 0.55 : 0.85);
            var bars = Enumerable.Range(0, Bins).Where(b => counts[b] > 0).Select(b => new Bar
            {
                Position = logLow + ((b + 0.5) * width),
                Value = counts[b],
                Size = width,
                FillColor = color,
                LineWidth = 0,
            }).ToList();
            plot.Add.Bars(bars).LegendText = histograms[i].Name;
        }

        plot.Axes.Bottom.TickGenerator = LogTicks(lowMs, highMs);
        plot.Axes.SetLimitsX(logLow, logLow + (Bins * width));
        plot.Axes.Margins(bottom: 0);
        ChartStyle.Legend(plot);
        return new ReportChart(
            ChartIds.Histogram,
            "Latency distribution",
            $"Requests by latency, {Bins} log-spaced bins from {NumberText.Ms(lowMs)} ms to p99.9 ({NumberText.Ms(highMs)} ms); slower requests are in the last bin.",
            plot);
    }

    /// <summary>Ticks at 1, 2 and 5 of each decade between two latencies, for an axis of log10(ms).</summary>
    private static NumericManual LogTicks(double lowMs, double highMs)
    {
        var ticks = new NumericManual();
        var added = 0;
        for (var decade = Math.Floor(Math.Log10(lowMs)); decade <= Math.Ceiling(Math.Log10(highMs)); decade++)
        {
            foreach (var m in new[] { 1.0, 2.0, 5.0 })
            {
                var ms = m * Math.Pow(10, decade);
                if (ms >= lowMs * 0.999 && ms <= highMs * 1.001)
                {
                    ticks.AddMajor(Math.Log10(ms), ms.ToString("0.###", CultureInfo.InvariantCulture));
                    added++;
                }
            }
        }

        if (added < 3)
        {
            ticks.AddMajor(Math.Log10(lowMs), NumberText.Ms(lowMs));
            ticks.AddMajor(Math.Log10(highMs), NumberText.Ms(highMs));
        }

        return ticks;
    }

    public static ReportChart? Percentiles(RunResult result)
    {
        var histograms = Decoded(result);
        if (histograms.Count == 0)
        {
            return null;
        }

        var plot = ChartStyle.NewPlot("Latency by percentile", "percentile", "latency (ms)");
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
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), ChartStyle.Series(i));
            line.LineWidth = 1.8f;
            line.MarkerSize = 0;
            line.ConnectStyle = ConnectStyle.StepVertical;
            line.LegendText = histograms[i].Name;
        }

        var ticks = new NumericManual();
        for (var decade = 0; decade <= Math.Ceiling(maxX); decade++)
        {
            ticks.AddMajor(decade, PercentileLabel(decade));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0, Math.Ceiling(maxX));
        plot.Axes.Margins(bottom: 0);
        ChartStyle.Legend(plot);
        return new ReportChart(
            ChartIds.Percentiles,
            "Latency by percentile",
            "HdrHistogram's percentile distribution: x is 1/(1-q) on a log scale, so the tail (99 %, 99.9 %, ...) gets room.",
            plot);
    }

    /// <summary>0 → "0%", 1 → "90%", 2 → "99%", 3 → "99.9%".</summary>
    private static string PercentileLabel(int decade) =>
        decade == 0 ? "0%" : (100 - Math.Pow(10, 2 - decade)).ToString("0.#########", CultureInfo.InvariantCulture) + "%";

    private static List<(string Name, HistogramBase Histogram)> Decoded(RunResult result) =>
        [.. result.Scenarios
            .Select(s => (s.Name, Histogram: LatencyHistograms.All(s.Stats)))
            .Where(x => x.Histogram is not null)
            .Select(x => (x.Name, x.Histogram!))];
}
