using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;
using ScottPlot;

namespace LoadHarness.Reporting.Charts;

/// <summary>Charts over the run's time: load vs plan, throughput, error rate, latency percentiles.</summary>
internal static class TimelineCharts
{
    public static ReportChart? Load(RunResult result)
    {
        var scenarios = result.Scenarios.Where(s => s.Timeline.Count > 0 || s.PlannedLoad.Count > 0).ToList();
        if (scenarios.Count == 0)
        {
            return null;
        }

        var models = scenarios.Select(s => s.Model).Distinct().ToList();
        var yLabel = models.Count > 1 ? "VUs | iterations/s" : models[0] == LoadModel.Open ? "iterations/s" : "VUs";
        var plot = ChartStyle.NewPlot("Load: actual vs planned", "time (s)", yLabel);
        var ys = new List<double>();
        for (var i = 0; i < scenarios.Count; i++)
        {
            var s = scenarios[i];
            var color = ChartStyle.Series(i);
            var timeline = TimelineAggregation.Downsample(s.Timeline);
            if (timeline.Count > 0)
            {
                var actual = s.Model == LoadModel.Open
                    ? timeline.Select(p => p.Started / Seconds(p)).ToArray()
                    : timeline.Select(p => (double)p.ActiveVUs).ToArray();
                ys.AddRange(actual);
                var line = Line(plot, Times(timeline), actual, color);
                line.LegendText = s.Model == LoadModel.Open ? $"{s.Name} arrival rate" : $"{s.Name} VUs";
            }

            var plan = TimelineAggregation.Downsample(s.PlannedLoad);
            if (plan.Count > 0)
            {
                ys.AddRange(plan.Select(p => p.Value));
                var planned = Line(plot, [.. plan.Select(p => p.TimeSec)], [.. plan.Select(p => p.Value)], color);
                planned.LinePattern = LinePattern.Dashed;
                planned.LegendText = $"{s.Name} planned";
            }
        }

        ChartStyle.FromZero(plot, ys);
        ChartStyle.Legend(plot);
        return new ReportChart(ChartIds.Load, "Load", "Active VUs (closed model) or arrival rate (open model) per second; dashed: the planned load.", plot);
    }

    public static ReportChart? Throughput(RunResult result)
    {
        var total = TimelineAggregation.Downsample(TimelineAggregation.Sum(result.Scenarios.Select(s => s.Timeline)));
        if (total.Count == 0)
        {
            return null;
        }

        var plot = ChartStyle.NewPlot("Requests per second", "time (s)", "requests/s");
        var x = Times(total);
        double[] ok = [.. total.Select(p => p.Ok / Seconds(p))];
        Line(plot, x, ok, ChartStyle.Ok).LegendText = "ok";
        Line(plot, x, [.. total.Select(p => p.Fail / Seconds(p))], ChartStyle.Fail).LegendText = "failed";
        ChartStyle.FromZero(plot, total.Select(p => Math.Max(p.Ok, p.Fail) / Seconds(p)));
        ChartStyle.Legend(plot);
        return new ReportChart(ChartIds.Rps, "Throughput", "Ok and failed requests per second, all scenarios.", plot);
    }

    public static ReportChart? ErrorRate(RunResult result)
    {
        var scenarios = result.Scenarios.Where(s => s.Timeline.Count > 0).ToList();
        if (scenarios.Count == 0)
        {
            return null;
        }

        var plot = ChartStyle.NewPlot("Error rate", "time (s)", "failed requests (%)");
        for (var i = 0; i < scenarios.Count; i++)
        {
            var timeline = TimelineAggregation.Downsample(scenarios[i].Timeline);
            var rate = timeline.Select(p => p.Requests == 0 ? 0 : 100.0 * p.Fail / p.Requests).ToArray();
            Line(plot, Times(timeline), rate, ChartStyle.Series(i)).LegendText = scenarios[i].Name;
        }

        ChartStyle.FromZero(plot, scenarios.SelectMany(s => s.Timeline).Select(p => p.Requests == 0 ? 0 : 100.0 * p.Fail / p.Requests));
        ChartStyle.Legend(plot);
        return new ReportChart(ChartIds.Errors, "Error rate", "Failed requests as a percentage of each second's requests, per scenario.", plot);
    }

    public static ReportChart? Latency(ScenarioResult scenario)
    {
        var timeline = TimelineAggregation.Downsample(scenario.Timeline).Where(p => p.Requests > 0).ToList();
        if (timeline.Count == 0)
        {
            return null;
        }

        var plot = ChartStyle.NewPlot($"Latency: {scenario.Name}", "time (s)", "latency (ms)");
        var x = Times(timeline);
        Line(plot, x, [.. timeline.Select(p => Finite(p.P50Ms))], ChartStyle.Series(0)).LegendText = "p50";
        Line(plot, x, [.. timeline.Select(p => Finite(p.P95Ms))], ChartStyle.Warning).LegendText = "p95";
        double[] p99 = [.. timeline.Select(p => Finite(p.P99Ms))];
        Line(plot, x, p99, ChartStyle.Fail).LegendText = "p99";
        ChartStyle.FromZero(plot, p99);
        ChartStyle.Legend(plot);
        var note = scenario.Timeline.Count > TimelineAggregation.MaxPoints
            ? " Long run: each point is the worst of several seconds."
            : string.Empty;
        return new ReportChart(ChartIds.Latency(scenario.Name), $"Latency: {scenario.Name}", "p50, p95 and p99 of each second's requests." + note, plot);
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, double[] x, double[] y, Color color)
    {
        var line = plot.Add.ScatterLine(x, y, color);
        line.LineWidth = 1.6f;
        line.MarkerSize = x.Length == 1 ? 5 : 0;
        return line;
    }

    private static double[] Times(IReadOnlyList<IntervalPoint> timeline) => [.. timeline.Select(p => p.TimeSec)];

    private static double Seconds(IntervalPoint p) => p.IntervalSec > 0 ? p.IntervalSec : 1;

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
