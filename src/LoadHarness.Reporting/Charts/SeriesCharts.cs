using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Charts;

/// <summary>
/// The run's sampled series (database connections, the application's pool usage), one chart per
/// <see cref="MeasurementSeries.Group"/>; fractions are drawn as percentages.
/// </summary>
internal static class SeriesCharts
{
    public static IEnumerable<ReportChart> Build(RunResult result)
    {
        foreach (var group in result.Series.Where(s => s.Points.Count > 0).GroupBy(s => s.Group, StringComparer.Ordinal))
        {
            var series = group.ToArray();
            var fraction = series.All(s => s.Unit == ThresholdUnit.Fraction);
            var title = group.Key.Length == 0 ? "Sampled figures" : group.Key;
            var spec = new ChartSpec(title, "time (s)", fraction ? "% of the maximum" : UnitLabel(series[0].Unit));
            var ys = new List<double>();
            for (var i = 0; i < series.Length; i++)
            {
                var points = series[i].Points;
                double[] x = [.. points.Select(p => p.TimeSec)];
                double[] y = [.. points.Select(p => double.IsFinite(p.Value) ? p.Value * (fraction ? 100 : 1) : 0)];
                ys.AddRange(y);
                spec.Add(new ChartLine(series[i].Name, x, y, ChartStyle.Series(i)));
            }

            spec.FromZero(ys);
            yield return new ReportChart(ChartIds.Series(group.Key), title,
                "Sampled every second beside the load" + (fraction ? " (share of the maximum, %)." : "."), spec);
        }
    }

    private static string UnitLabel(ThresholdUnit unit) => unit switch
    {
        ThresholdUnit.Milliseconds => "ms",
        ThresholdUnit.Percent => "%",
        ThresholdUnit.PerSecond => "per second",
        _ => "count",
    };
}
