using System.Globalization;
using HdrHistogram;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Charts;

namespace LoadHarness.Reporting.Capacity;

/// <summary>The capacity report's charts: the knee, the generator's CPU per step, each step's latency distribution.</summary>
internal static class CapacityCharts
{
    public const string KneeId = "chart-knee";
    public const string CpuId = "chart-generator-cpu";
    public const string DistributionId = "chart-step-latency";

    /// <summary>Every chart the result has data for.</summary>
    public static IReadOnlyList<ReportChart> Build(CapacityResult result) =>
        [.. new[] { Knee(result), GeneratorCpu(result), Distribution(result) }.OfType<ReportChart>()];

    /// <summary>Throughput (left axis) and p95/p99 (right axis) against the offered load; the gate's latency lines; the answer marked.</summary>
    public static ReportChart? Knee(CapacityResult result)
    {
        // One point per load: its last run (a confirmation replaces the run it confirmed).
        var points = result.Steps.Where(s => s.Requests > 0).GroupBy(s => s.Load).Select(g => g.Last()).OrderBy(s => s.Load).ToArray();
        if (points.Length == 0)
        {
            return null;
        }

        var unit = result.Model == LoadModel.Closed ? "VUs" : "iterations/s";
        var spec = new ChartSpec("Capacity: throughput and latency against load", $"offered load ({unit})", "throughput (req/s)");
        spec.Y2 = new ChartAxis("latency (ms)");
        double[] x = [.. points.Select(p => (double)p.Load)];
        spec.Add(new ChartLine("throughput (req/s)", x, [.. points.Select(p => p.RequestsPerSec)], ChartStyle.Series(0)) { Width = 2, MarkerSize = 6 });
        var latencies = new List<double>();
        foreach (var (name, color, values) in new[]
        {
            ("p95 (ms)", ChartStyle.Warning, points.Select(p => p.P95Ms).ToArray()),
            ("p99 (ms)", ChartStyle.Fail, points.Select(p => p.P99Ms).ToArray()),
        })
        {
            spec.Add(new ChartLine(name, x, values, color) { MarkerSize = 5, RightAxis = true });
            latencies.AddRange(values);
        }

        foreach (var (limit, text) in LatencyGateLines(result.Gate))
        {
            spec.Rules.Add(new ChartRule(Vertical: false, limit, ChartStyle.Fail, "gate " + text) { Dash = Dash.Dashed, RightAxis = true });
            latencies.Add(limit);
        }

        if (result.Sustainable is { } good)
        {
            spec.Rules.Add(new ChartRule(Vertical: true, good.Load, ChartStyle.Ok, $"sustainable: {CapacityText.Describe(result.Model, good.Load)}"));
            spec.Add(new ChartLine(string.Empty, [good.Load], [good.RequestsPerSec], ChartStyle.Ok) { MarkersOnly = true, MarkerSize = 12 });
        }

        if (result.FirstFailing is { } bad)
        {
            spec.Rules.Add(new ChartRule(Vertical: true, bad.Load, ChartStyle.Fail, $"first failing: {CapacityText.Describe(result.Model, bad.Load)}") { Dash = Dash.Dotted });
        }

        var maxX = Math.Max(x.Max(), result.FirstFailing?.Load ?? 0);
        spec.X.Min = 0;
        spec.X.Max = maxX * 1.08;
        spec.FromZero(points.Select(p => p.RequestsPerSec));
        ChartStyle.FromZero(spec.Y2, latencies);
        return new ReportChart(KneeId, "Knee", $"Throughput (left) and p95/p99 latency (right) of each load's measured part; dashed: the gate's latency limits; "
            + "green: the highest load that held the gate; dotted red: the lowest that crossed it.", spec);
    }

    /// <summary>The generator's CPU per step (cores), with the 85 % line beyond which its figures measure LoadHarness.</summary>
    public static ReportChart? GeneratorCpu(CapacityResult result)
    {
        var steps = result.Steps.Where(s => s.GeneratorCpuCores is not null).ToArray();
        if (steps.Length == 0)
        {
            return null;
        }

        var processors = Math.Max(1, steps.Max(s => s.ProcessorCount));
        var spec = new ChartSpec("Generator CPU per step", "step", "cores");
        var bars = steps.Select(s => new ChartBar(s.Number - 0.35, s.Number + 0.35, s.GeneratorCpuCores!.Value,
            GeneratorLoad.IsNearLimit(s.GeneratorCpuCores.Value, processors) ? ChartStyle.Fail : ChartStyle.Series(0))).ToList();
        spec.Bars.Add(new ChartBars(string.Empty, bars));
        spec.Rules.Add(new ChartRule(Vertical: false, GeneratorLoad.NearLimitShare * processors, ChartStyle.Fail,
            string.Create(CultureInfo.InvariantCulture, $"{GeneratorLoad.NearLimitShare * 100:0} % of {processors} cores")) { Dash = Dash.Dashed });
        spec.X.Ticks = [.. steps.Select(s => new AxisTick(s.Number, s.Number.ToString(CultureInfo.InvariantCulture)))];
        spec.Y.Min = 0;
        spec.Y.Max = Math.Max(processors, steps.Max(s => s.GeneratorCpuCores!.Value)) * 1.15;
        return new ReportChart(CpuId, "Generator CPU", "CPU of the LoadHarness process during each step (warm-up included), in cores; red bars: at or past "
            + $"{GeneratorLoad.NearLimitShare * 100:0} % of the machine's cores, where the generator, not the target, may be the limit.", spec);
    }

    /// <summary>Each step's latency by percentile (HdrHistogram's distribution; x is 1/(1-q) on a log scale).</summary>
    public static ReportChart? Distribution(CapacityResult result)
    {
        var steps = result.Steps.Where(s => s.LatencyHistogram is not null).ToArray();
        if (steps.Length == 0)
        {
            return null;
        }

        var spec = new ChartSpec("Latency by percentile, per step", "percentile", "latency (ms)");
        var maxX = 1.0;
        for (var i = 0; i < steps.Length; i++)
        {
            var histogram = HistogramCodec.Decode(steps[i].LatencyHistogram!);
            var points = histogram.Percentiles(5)
                .Where(p => p.PercentileLevelIteratedTo < 100)
                .Select(p => (X: Math.Log10(100 / (100 - p.PercentileLevelIteratedTo)), Y: p.ValueIteratedTo / 1000.0))
                .ToList();
            points.Add((Math.Log10(Math.Max(10, histogram.TotalCount)), histogram.GetMaxValue() / 1000.0));
            maxX = Math.Max(maxX, points.Max(p => p.X));
            var (px, py) = ChartLine.StepVertical(points);
            spec.Add(new ChartLine($"#{steps[i].Number} {CapacityText.Describe(result.Model, steps[i].Load)}", px, py, ChartStyle.Series(i)) { Width = 1.5 });
        }

        spec.X.Ticks = DistributionCharts.PercentileTicks(maxX);
        spec.X.Min = 0;
        spec.X.Max = Math.Ceiling(maxX);
        spec.Y.Min = 0;
        return new ReportChart(DistributionId, "Latency distribution per step", "Each step's latency by percentile (its measured part, every request): "
            + "x is 1/(1-q) on a log scale, so the tail gets room.", spec);
    }

    /// <summary>The gate's scenario-wide latency thresholds (p(N), avg, med, max) as (limit ms, expression).</summary>
    internal static IEnumerable<(double Limit, string Text)> LatencyGateLines(IEnumerable<string> gate)
    {
        foreach (var text in gate)
        {
            if (ThresholdExpression.TryParse(text, out var e, out _) && e!.Metric == ThresholdMetric.Latency && e.Stat != ThresholdStat.Count)
            {
                yield return (e.Limit, text);
            }
        }
    }
}
