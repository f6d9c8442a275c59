using HdrHistogram;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Charts;

/// <summary>
/// compare.html's charts, per scenario: baseline (dashed) over candidate (solid) — latency percentiles, RPS and error
/// rate per second, and the latency distribution from the merged HdrHistograms. Several runs on a side: the timeline
/// is the per-second median of the runs, the distribution all their requests together.
/// </summary>
internal static class CompareCharts
{
    private const string BaselineColor = "#7F7F7F";
    private const string CandidateColor = "#1F77B4";

    public static IReadOnlyList<ReportChart> Build(BuildComparison comparison)
    {
        var charts = new List<ReportChart>();
        if (comparison.Outcome == ComparisonOutcome.NotComparable)
        {
            return charts;
        }

        foreach (var scenario in comparison.Baselines[0].Result.Scenarios.Select(s => s.Name))
        {
            var b = comparison.Baselines.Select(r => r.Result.Scenarios.First(s => s.Name == scenario)).ToList();
            var c = comparison.Candidates.Select(r => r.Result.Scenarios.First(s => s.Name == scenario)).ToList();
            Add(charts, Latency(scenario, b, c));
            Add(charts, PerSecond(scenario, b, c, "rps", "Requests per second", "requests/s", p => p.Requests / (p.IntervalSec > 0 ? p.IntervalSec : 1)));
            Add(charts, PerSecond(scenario, b, c, "errors", "Error rate", "failed requests (%)", p => p.Requests == 0 ? 0 : 100.0 * p.Fail / p.Requests));
            Add(charts, Distribution(scenario, b, c));
        }

        return charts;
    }

    public static string Id(string kind, string scenario) => $"compare-{kind}-{ChartIds.Slug(scenario)}";

    private static ReportChart? Latency(string scenario, List<ScenarioResult> b, List<ScenarioResult> c)
    {
        var spec = new ChartSpec($"Latency: {scenario}", "time (s)", "latency (ms)");
        var ys = new List<double>();
        var drawn = 0;
        foreach (var (name, select, color) in new (string, Func<IntervalPoint, double>, string)[]
        {
            ("p50", p => p.P50Ms, ChartStyle.Series(0)), ("p95", p => p.P95Ms, ChartStyle.Warning), ("p99", p => p.P99Ms, ChartStyle.Fail),
        })
        {
            var baseline = MedianSeries(b, p => p.Requests > 0 ? select(p) : double.NaN);
            var candidate = MedianSeries(c, p => p.Requests > 0 ? select(p) : double.NaN);
            drawn += Line(spec, baseline, color, $"{name} baseline", dashed: true);
            drawn += Line(spec, candidate, color, $"{name} candidate", dashed: false);
            ys.AddRange(baseline.Select(p => p.Y).Concat(candidate.Select(p => p.Y)));
        }

        if (drawn == 0)
        {
            return null;
        }

        spec.FromZero(ys);
        return new ReportChart(Id("latency", scenario), $"Latency over time: {scenario}",
            "p50, p95 and p99 of each second; dashed: baseline, solid: candidate" + SeveralRuns(b, c) + ".", spec);
    }

    private static ReportChart? PerSecond(string scenario, List<ScenarioResult> b, List<ScenarioResult> c, string kind, string title, string yLabel, Func<IntervalPoint, double> select)
    {
        var baseline = MedianSeries(b, select);
        var candidate = MedianSeries(c, select);
        if (baseline.Count + candidate.Count == 0)
        {
            return null;
        }

        var spec = new ChartSpec($"{title}: {scenario}", "time (s)", yLabel);
        Line(spec, baseline, BaselineColor, "baseline", dashed: true);
        Line(spec, candidate, CandidateColor, "candidate", dashed: false);
        spec.FromZero(baseline.Concat(candidate).Select(p => p.Y));
        return new ReportChart(Id(kind, scenario), $"{title}: {scenario}", $"{title} each second; dashed: baseline, solid: candidate" + SeveralRuns(b, c) + ".", spec);
    }

    private static ReportChart? Distribution(string scenario, List<ScenarioResult> b, List<ScenarioResult> c)
    {
        var baseline = Merged(b);
        var candidate = Merged(c);
        if (baseline is null && candidate is null)
        {
            return null;
        }

        const int bins = 60;
        var present = new[] { baseline, candidate }.OfType<HistogramBase>().ToList();
        var lowMs = Math.Max(0.001, present.Min(h => h.GetValueAtPercentile(0)) / 1000.0);
        var highMs = Math.Max(lowMs * 1.5, present.Max(h => h.GetValueAtPercentile(99.9)) / 1000.0);
        var logLow = Math.Log10(lowMs);
        var width = (Math.Log10(highMs) - logLow) / bins;
        var spec = new ChartSpec($"Latency distribution: {scenario}", "latency (ms, log scale)", "share of requests (%)");
        var ys = new List<double>();
        foreach (var (histogram, name, color) in new[] { (baseline, "baseline", BaselineColor), (candidate, "candidate", CandidateColor) })
        {
            if (histogram is null)
            {
                continue;
            }

            var share = new double[bins];
            foreach (var v in histogram.RecordedValues())
            {
                var ms = Math.Max(lowMs, v.ValueIteratedTo / 1000.0);
                var bin = (int)Math.Clamp(Math.Floor((Math.Log10(ms) - logLow) / width), 0, bins - 1);
                share[bin] += 100.0 * v.CountAddedInThisIterationStep / histogram.TotalCount;
            }

            var (x, y) = ChartLine.StepHorizontal([.. Enumerable.Range(0, bins).Select(i => (Math.Pow(10, logLow + ((i + 0.5) * width)), share[i]))]);
            spec.Add(new ChartLine($"{name} (p95 {NumberText.Ms(histogram.GetValueAtPercentile(95) / 1000.0)} ms)", x, y, color)
            {
                Width = 2,
                Dash = name == "baseline" ? Dash.Dashed : Dash.Solid,
            });
            ys.AddRange(share);
        }

        spec.X.Log = true;
        spec.X.Min = lowMs;
        spec.X.Max = highMs;
        spec.FromZero(ys);
        return new ReportChart(Id("distribution", scenario), $"Latency distribution: {scenario}",
            $"Share of requests by latency ({bins} log-spaced bins up to p99.9, slower requests in the last bin), from the HdrHistograms; dashed: baseline, solid: candidate"
            + (b.Count > 1 || c.Count > 1 ? $" (all requests of {b.Count} baseline and {c.Count} candidate runs)" : "") + ".", spec);
    }

    /// <summary>The per-second median over the runs of a side, by the nearest whole second.</summary>
    private static List<(double X, double Y)> MedianSeries(List<ScenarioResult> runs, Func<IntervalPoint, double> select) =>
        [.. runs.SelectMany(r => TimelineAggregation.Downsample(r.Timeline))
            .GroupBy(p => Math.Round(p.TimeSec))
            .OrderBy(g => g.Key)
            .Select(g => (X: g.Key, Y: Statistics.Median(g.Select(select))))
            .Where(p => double.IsFinite(p.Y))];

    private static int Line(ChartSpec spec, List<(double X, double Y)> points, string color, string legend, bool dashed)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        spec.Add(new ChartLine(legend, [.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], color)
        {
            Width = dashed ? 1.4 : 1.8,
            Dash = dashed ? Dash.Dashed : Dash.Solid,
        });
        return 1;
    }

    private static HistogramBase? Merged(List<ScenarioResult> runs)
    {
        HistogramBase? merged = null;
        foreach (var run in runs)
        {
            if (LatencyHistograms.All(run.Stats) is { } h)
            {
                merged ??= Histograms.Create();
                merged.Add(h);
            }
        }

        return merged;
    }

    private static string SeveralRuns(List<ScenarioResult> b, List<ScenarioResult> c) =>
        b.Count > 1 || c.Count > 1 ? $" (several runs: the median of each second over {b.Count} baseline and {c.Count} candidate runs)" : "";

    private static void Add(List<ReportChart> charts, ReportChart? chart)
    {
        if (chart is not null)
        {
            charts.Add(chart);
        }
    }
}
