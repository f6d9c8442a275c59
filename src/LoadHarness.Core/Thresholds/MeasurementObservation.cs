using LoadHarness.Core.Results;

namespace LoadHarness.Core.Thresholds;

/// <summary>
/// What a measurement threshold observes: the measurement <see cref="ThresholdExpression.MeasurementKey"/> when the run
/// has it, else (with a statistic) that statistic over the points of the series of that name, else nothing (no data).
/// </summary>
internal static class MeasurementObservation
{
    public static (double? Value, ThresholdUnit Unit, double Limit) Observe(ThresholdExpression e, RunResult result)
    {
        var key = e.MeasurementKey!;
        var measurement = result.Measurements.LastOrDefault(m => string.Equals(m.Name, key, StringComparison.Ordinal));
        if (measurement is not null && double.IsFinite(measurement.Value))
        {
            return (measurement.Value, measurement.Unit, Limit(e, measurement.Unit));
        }

        var series = e.Stat == ThresholdStat.Value ? null
            : result.Series.LastOrDefault(s => string.Equals(s.Name, e.Measurement, StringComparison.Ordinal));
        var values = series?.Points.Select(p => p.Value).Where(double.IsFinite).ToArray() ?? [];
        if (series is null || values.Length == 0)
        {
            var unit = measurement?.Unit ?? series?.Unit ?? e.Unit;
            return (null, unit, Limit(e, unit));
        }

        return (Statistic(e, values), series.Unit, Limit(e, series.Unit));
    }

    private static double Limit(ThresholdExpression e, ThresholdUnit unit) =>
        e.WrittenUnit == ThresholdUnit.Percent && unit == ThresholdUnit.Fraction ? e.Limit / 100 : e.Limit;

    private static double Statistic(ThresholdExpression e, double[] values)
    {
        switch (e.Stat)
        {
            case ThresholdStat.Min:
                return values.Min();
            case ThresholdStat.Max:
                return values.Max();
            case ThresholdStat.Avg:
                return values.Average();
            default:
                var sorted = values.Order().ToArray();
                var p = e.Stat == ThresholdStat.Med ? 50 : e.Percentile;

                // Nearest rank: the smallest value with at least p % of the samples at or below it.
                var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
                return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }
}
