using System.Globalization;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Trend;

namespace LoadHarness.Reporting.Charts;

/// <summary>trend.html's charts, per scenario: p50/p95, RPS and error rate across runs; runs whose gate failed in red.</summary>
internal static class TrendCharts
{
    private const int MaxTickLabels = 12;

    public static IReadOnlyList<ReportChart> Build(TrendAnalysis trend)
    {
        var charts = new List<ReportChart>();
        foreach (var series in trend.Scenarios.Where(s => s.Points.Count > 0))
        {
            charts.Add(Chart(series, "latency", $"Latency across runs: {series.Scenario}", "latency (ms)",
                [("p50", p => p.P50Ms, ChartStyle.Series(0)), ("p95", p => p.P95Ms, ChartStyle.Warning)],
                "p50 and p95 of each run (whole run, from its HdrHistograms)"));
            charts.Add(Chart(series, "rps", $"Throughput across runs: {series.Scenario}", "requests/s",
                [("RPS", p => p.Rps, ChartStyle.Ok)], "requests per second of each run"));
            charts.Add(Chart(series, "errors", $"Error rate across runs: {series.Scenario}", "failed requests (%)",
                [("error rate", p => p.ErrorRate * 100, ChartStyle.Fail)], "failed requests of each run"));
        }

        return charts;
    }

    public static string Id(string kind, string scenario) => $"trend-{kind}-{ChartIds.Slug(scenario)}";

    private static ReportChart Chart(TrendSeries series, string kind, string title, string yLabel, (string Name, Func<TrendPoint, double> Value, string Color)[] lines, string caption)
    {
        var spec = new ChartSpec(title, "run (oldest → latest)", yLabel);
        var points = series.Points;
        double[] x = [.. Enumerable.Range(1, points.Count).Select(i => (double)i)];
        var ys = new List<double>();
        foreach (var (name, value, color) in lines)
        {
            double[] y = [.. points.Select(p => Finite(value(p)))];
            ys.AddRange(y);
            spec.Add(new ChartLine(name, x, y, color) { MarkerSize = 6 });
        }

        var failed = points.Select((p, i) => (p, i)).Where(t => !t.p.GatePassed).ToList();
        if (failed.Count > 0)
        {
            double[] fx = [.. failed.Select(t => x[t.i])];
            double[] fy = [.. failed.Select(t => Finite(lines[^1].Value(t.p)))];
            spec.Add(new ChartLine("gate failed", fx, fy, ChartStyle.Fail) { MarkersOnly = true, MarkerSize = 12, Marker = Marker.Cross });
        }

        var every = Math.Max(1, (int)Math.Ceiling(points.Count / (double)MaxTickLabels));
        spec.X.Ticks = [.. Enumerable.Range(0, points.Count).Where(i => i % every == 0 || i == points.Count - 1).Select(i => new AxisTick(x[i], Tick(points[i])))];

        // Labels as long as a date overlap when level: slant them.
        spec.X.SlantedLabels = points.Count > 4;
        spec.X.Min = 0.5;
        spec.X.Max = points.Count + 0.5;
        spec.FromZero(ys);
        return new ReportChart(Id(kind, series.Scenario), title,
            $"{char.ToUpperInvariant(caption[0])}{caption[1..]}, labelled by build, else commit, else start time; ✗: the run's gate failed.", spec);
    }

    /// <summary>The build label, else the short commit, else the start as MM-dd HH:mm.</summary>
    private static string Tick(TrendPoint p) =>
        RunNames.Build(p.Run.Result) ?? RunNames.ShortCommit(p.Run.Result)
        ?? p.Run.Result.StartedUtc.ToUniversalTime().ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
