using System.Globalization;

namespace LoadHarness.Reporting.Compare;

/// <summary>
/// The decision for one metric. A regression (or an improvement) needs all three: the change is beyond the relative
/// tolerance, beyond the absolute floor, and the per-second interval lies entirely on that side of no change. Beyond
/// both but not significant is inconclusive; within either is unchanged.
/// </summary>
internal static class VerdictRule
{
    public static (ChangeVerdict Verdict, string Reason) Decide(
        MetricDescriptor metric, double baseline, double candidate, double floor, SecondEffect evidence, CompareOptions options)
    {
        var change = candidate - baseline;
        var worse = metric.LowerIsBetter ? change > 0 : change < 0;
        var relative = baseline == 0 ? (double?)null : change / Math.Abs(baseline) * 100;
        var unit = metric.Kind == SampleKind.ErrorRate ? " pp" : " " + metric.Unit;
        if (change == 0 || (relative is { } r && Math.Abs(r) <= options.TolerancePercent))
        {
            return (ChangeVerdict.Unchanged, Text($"within ±{options.TolerancePercent:0.##} %"));
        }

        if (Math.Abs(change) <= floor)
        {
            return (ChangeVerdict.Unchanged, Text($"{Signed(change)}{unit} is within the {Plain(floor)}{unit} floor"));
        }

        if (evidence.Low is not { } low || evidence.High is not { } high)
        {
            return (ChangeVerdict.Inconclusive, Text($"too few seconds with requests on both sides ({evidence.Pairs}; {PairedBootstrap.MinPairs} needed)"));
        }

        // The interval is of the candidate's change: for a lower-is-better metric "worse" is above zero.
        var beyond = Text($"beyond ±{options.TolerancePercent:0.##} % and the {Plain(floor)}{unit} floor");
        var significant = change > 0 ? low > 0 : high < 0;
        if (change > 0 ? high < 0 : low > 0)
        {
            return (ChangeVerdict.Inconclusive, $"{beyond}, but the per-second change ({Interval(metric, evidence, options)}) points the other way");
        }

        if (!significant)
        {
            return (ChangeVerdict.Inconclusive, $"{beyond}, but the {Interval(metric, evidence, options)} includes no change: the runs' own noise could explain it");
        }

        return (worse ? ChangeVerdict.Regressed : ChangeVerdict.Improved, $"{beyond}, and the interval excludes no change");
    }

    /// <summary>"95 % interval +12 % .. +31 %" (or pp for the error rate).</summary>
    public static string Interval(MetricDescriptor metric, SecondEffect evidence, CompareOptions options) =>
        evidence.Low is { } low && evidence.High is { } high
            ? Text($"{options.Confidence * 100:0.#} % interval {Signed(low)} .. {Signed(high)} {metric.IntervalUnit}")
            : "no interval";

    public static string Signed(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "+0;-0;0" : Math.Abs(value) >= 10 ? "+0.#;-0.#;0" : "+0.##;-0.##;0", CultureInfo.InvariantCulture);

    private static string Plain(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
