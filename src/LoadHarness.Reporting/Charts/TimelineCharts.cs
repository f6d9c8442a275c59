using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

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
        var spec = new ChartSpec("Load: actual vs planned", "time (s)", yLabel);
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
                spec.Add(new ChartLine(s.Model == LoadModel.Open ? $"{s.Name} arrival rate" : $"{s.Name} VUs", Times(timeline), actual, color));
            }

            var plan = TimelineAggregation.Downsample(s.PlannedLoad);
            if (plan.Count > 0)
            {
                ys.AddRange(plan.Select(p => p.Value));
                spec.Add(new ChartLine($"{s.Name} planned", [.. plan.Select(p => p.TimeSec)], [.. plan.Select(p => p.Value)], color) { Dash = Dash.Dashed });
            }
        }

        spec.FromZero(ys);
        return new ReportChart(ChartIds.Load, "Load", "Active VUs (closed model) or arrival rate (open model) per second; dashed: the planned load.", spec);
    }

    public static ReportChart? Throughput(RunResult result)
    {
        var total = TimelineAggregation.Downsample(TimelineAggregation.Sum(result.Scenarios.Select(s => s.Timeline)));
        if (total.Count == 0)
        {
            return null;
        }

        var spec = new ChartSpec("Requests per second", "time (s)", "requests/s");
        var x = Times(total);
        spec.Add(new ChartLine("ok", x, [.. total.Select(p => p.Ok / Seconds(p))], ChartStyle.Ok));
        spec.Add(new ChartLine("failed", x, [.. total.Select(p => p.Fail / Seconds(p))], ChartStyle.Fail));
        spec.FromZero(total.Select(p => Math.Max(p.Ok, p.Fail) / Seconds(p)));
        return new ReportChart(ChartIds.Rps, "Throughput", "Ok and failed requests per second, all scenarios.", spec);
    }

    public static ReportChart? ErrorRate(RunResult result)
    {
        var scenarios = result.Scenarios.Where(s => s.Timeline.Count > 0).ToList();
        if (scenarios.Count == 0)
        {
            return null;
        }

        var spec = new ChartSpec("Error rate", "time (s)", "failed requests (%)");
        for (var i = 0; i < scenarios.Count; i++)
        {
            var timeline = TimelineAggregation.Downsample(scenarios[i].Timeline);
            var rate = timeline.Select(p => p.Requests == 0 ? 0 : 100.0 * p.Fail / p.Requests).ToArray();
            spec.Add(new ChartLine(scenarios[i].Name, Times(timeline), rate, ChartStyle.Series(i)));
        }

        spec.FromZero(scenarios.SelectMany(s => s.Timeline).Select(p => p.Requests == 0 ? 0 : 100.0 * p.Fail / p.Requests));
        return new ReportChart(ChartIds.Errors, "Error rate", "Failed requests as a percentage of each second's requests, per scenario.", spec);
    }

    public static ReportChart? Latency(ScenarioResult scenario)
    {
        var timeline = TimelineAggregation.Downsample(scenario.Timeline).Where(p => p.Requests > 0).ToList();
        if (timeline.Count == 0)
        {
            return null;
        }

        var spec = new ChartSpec($"Latency: {scenario.Name}", "time (s)", "latency (ms)");
        var x = Times(timeline);
        spec.Add(new ChartLine("p50", x, [.. timeline.Select(p => Finite(p.P50Ms))], ChartStyle.Series(0)));
        spec.Add(new ChartLine("p95", x, [.. timeline.Select(p => Finite(p.P95Ms))], ChartStyle.Warning));
        double[] p99 = [.. timeline.Select(p => Finite(p.P99Ms))];
        spec.Add(new ChartLine("p99", x, p99, ChartStyle.Fail));
        spec.FromZero(p99);
        var note = scenario.Timeline.Count > TimelineAggregation.MaxPoints
            ? " Long run: each point is the worst of several seconds."
            : string.Empty;
        return new ReportChart(ChartIds.Latency(scenario.Name), $"Latency: {scenario.Name}", "p50, p95 and p99 of each second's requests." + note, spec);
    }

    private static double[] Times(IReadOnlyList<IntervalPoint> timeline) => [.. timeline.Select(p => p.TimeSec)];

    private static double Seconds(IntervalPoint p) => p.IntervalSec > 0 ? p.IntervalSec : 1;

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
