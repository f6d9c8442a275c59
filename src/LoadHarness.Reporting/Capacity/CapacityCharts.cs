using System.Globalization;
using HdrHistogram;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Charts;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LoadHarness.Reporting.Capacity;

/// <summary>The capacity report's charts: the knee, the generator's CPU per step, each step's latency distribution.</summary>
internal static class CapacityCharts
{
    public const string KneeId = "chart-knee";
    public const string CpuId = "chart-generator-cpu";
    public const string DistributionId = "chart-step-latency";

    /// <summary>Every chart the result has data for. The caller disposes them.</summary>
    public static IReadOnlyList<ReportChart> Build(CapacityResult result)
    {
        var charts = new List<ReportChart>();
        try
        {
            foreach (var chart in new[] { Knee(result), GeneratorCpu(result), Distribution(result) })
            {
                if (chart is not null)
                {
                    charts.Add(chart);
                }
            }

            return charts;
        }
        catch
        {
            charts.ForEach(c => c.Dispose());
            throw;
        }
    }

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
        var plot = ChartStyle.NewPlot("Capacity: throughput and latency against load", $"offered load ({unit})", "throughput (req/s)");
        double[] x = [.. points.Select(p => (double)p.Load)];
        var throughput = plot.Add.Scatter(x, [.. points.Select(p => p.RequestsPerSec)], ChartStyle.Series(0));
        throughput.LegendText = "throughput (req/s)";
        throughput.LineWidth = 2;
        throughput.MarkerSize = 6;

        var right = plot.Axes.Right;
        right.Label.Text = "latency (ms)";
        right.Label.FontSize = 13;
        right.Label.FontName = ChartStyle.FontName;
        right.TickGenerator = new NumericAutomatic { LabelFormatter = ChartStyle.Tick };
        var latencies = new List<double>();
        foreach (var (name, color, values) in new[]
        {
            ("p95 (ms)", ChartStyle.Warning, points.Select(p => p.P95Ms).ToArray()),
            ("p99 (ms)", ChartStyle.Fail, points.Select(p => p.P99Ms).ToArray()),
        })
        {
            var line = plot.Add.Scatter(x, values, color);
            line.Axes.YAxis = right;
            line.LegendText = name;
            line.LineWidth = 1.6f;
            line.MarkerSize = 5;
            latencies.AddRange(values);
        }

        foreach (var (limit, text) in LatencyGateLines(result.Gate))
        {
            var gateLine = plot.Add.HorizontalLine(limit, 1.5f, ChartStyle.Fail, LinePattern.Dashed);
            gateLine.Axes.YAxis = right;
            gateLine.LegendText = "gate " + text;
            latencies.Add(limit);
        }

        if (result.Sustainable is { } good)
        {
            var mark = plot.Add.VerticalLine(good.Load, 1.5f, ChartStyle.Ok, LinePattern.Solid);
            mark.LegendText = $"sustainable: {CapacityText.Describe(result.Model, good.Load)}";
            var marker = plot.Add.Marker(good.Load, good.RequestsPerSec, MarkerShape.FilledCircle, 12, ChartStyle.Ok);
            marker.LegendText = string.Empty;
        }

        if (result.FirstFailing is { } bad)
        {
            plot.Add.VerticalLine(bad.Load, 1.5f, ChartStyle.Fail, LinePattern.Dotted).LegendText = $"first failing: {CapacityText.Describe(result.Model, bad.Load)}";
        }

        var maxX = Math.Max(x.Max(), result.FirstFailing?.Load ?? 0);
        plot.Axes.SetLimitsX(0, maxX * 1.08);
        ChartStyle.FromZero(plot, points.Select(p => p.RequestsPerSec));
        var maxLatency = latencies.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, maxLatency <= 0 ? 1 : maxLatency * 1.3, right);
        ChartStyle.Legend(plot);
        return new ReportChart(KneeId, "Knee", $"Throughput (left) and p95/p99 latency (right) of each load's measured part; dashed: the gate's latency limits; "
            + "green: the highest load that held the gate; dotted red: the lowest that crossed it.", plot);
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
        var plot = ChartStyle.NewPlot("Generator CPU per step", "step", "cores");
        var bars = steps.Select(s => new Bar
        {
            Position = s.Number,
            Value = s.GeneratorCpuCores!.Value,
            FillColor = GeneratorLoad.IsNearLimit(s.GeneratorCpuCores.Value, processors) ? ChartStyle.Fail : ChartStyle.Series(0),
            LineWidth = 0,
            Size = 0.7,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Add.HorizontalLine(GeneratorLoad.NearLimitShare * processors, 1.5f, ChartStyle.Fail, LinePattern.Dashed).LegendText =
            string.Create(CultureInfo.InvariantCulture, $"{GeneratorLoad.NearLimitShare * 100:0} % of {processors} cores");
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. steps.Select(s => (double)s.Number)],
            [.. steps.Select(s => s.Number.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, Math.Max(processors, steps.Max(s => s.GeneratorCpuCores!.Value)) * 1.15);
        ChartStyle.Legend(plot);
        return new ReportChart(CpuId, "Generator CPU", "CPU of the LoadHarness process during each step (warm-up included), in cores; red bars: at or past "
            + $"{GeneratorLoad.NearLimitShare * 100:0} % of the machine's cores, where the generator, not the target, may be the limit.", plot);
    }

    /// <summary>Each step's latency by percentile (HdrHistogram's distribution; x is 1/(1-q) on a log scale).</summary>
    public static ReportChart? Distribution(CapacityResult result)
    {
        var steps = result.Steps.Where(s => s.LatencyHistogram is not null).ToArray();
        if (steps.Length == 0)
        {
            return null;
        }

        var plot = ChartStyle.NewPlot("Latency by percentile, per step", "percentile", "latency (ms)");
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
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), ChartStyle.Series(i));
            line.LineWidth = 1.5f;
            line.ConnectStyle = ConnectStyle.StepVertical;
            line.LegendText = $"#{steps[i].Number} {CapacityText.Describe(result.Model, steps[i].Load)}";
        }

        var ticks = new NumericManual();
        for (var decade = 0; decade <= Math.Ceiling(maxX); decade++)
        {
            ticks.AddMajor(decade, decade == 0 ? "0%" : (100 - Math.Pow(10, 2 - decade)).ToString("0.#########", CultureInfo.InvariantCulture) + "%");
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0, Math.Ceiling(maxX));
        plot.Axes.Margins(bottom: 0);
        ChartStyle.Legend(plot);
        return new ReportChart(DistributionId, "Latency distribution per step", "Each step's latency by percentile (its measured part, every request): "
            + "x is 1/(1-q) on a log scale, so the tail gets room.", plot);
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
