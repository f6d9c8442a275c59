using System.Globalization;

namespace LoadHarness.Reporting.Charts;

/// <summary>An axis made concrete: its limits and its ticks, and where a value falls between the limits.</summary>
internal sealed record ResolvedAxis(double Min, double Max, bool Log, IReadOnlyList<AxisTick> Ticks)
{
    /// <summary>0 at <see cref="Min"/>, 1 at <see cref="Max"/> (log axes by the logarithm); NaN for a value a log axis cannot place.</summary>
    public double Fraction(double value) => Log
        ? value > 0 ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) : double.NaN
        : (value - Min) / (Max - Min);
}

/// <summary>
/// Limits and ticks of a <see cref="ChartSpec"/>'s axes, shared by the SVG and the PNG drawing so both show the same:
/// fixed limits where the spec sets them, else the data's extent with a margin; "nice" ticks (1, 2 or 5 times a power
/// of ten) on linear axes, 1, 2 and 5 of each decade on log axes.
/// </summary>
internal static class ChartScale
{
    public static ResolvedAxis X(ChartSpec spec, int targetTicks) =>
        Resolve(spec.X, XValues(spec), 0.05, 0.05, targetTicks);

    public static ResolvedAxis Y(ChartSpec spec, int targetTicks) =>
        Resolve(spec.Y, YValues(spec, right: false), 0.1, 0.15, targetTicks);

    public static ResolvedAxis? Y2(ChartSpec spec, int targetTicks) =>
        spec.Y2 is null ? null : Resolve(spec.Y2, YValues(spec, right: true), 0.1, 0.15, targetTicks);

    public static ResolvedAxis Resolve(ChartAxis axis, IEnumerable<double> data, double lowMargin, double highMargin, int targetTicks)
    {
        // A log axis works on the logarithm of its values; the limits are turned back at the end.
        Func<double, double> to = axis.Log ? Math.Log10 : v => v;
        Func<double, double> from = axis.Log ? v => Math.Pow(10, v) : v => v;
        var values = data.Where(v => double.IsFinite(v) && (!axis.Log || v > 0)).Select(to).ToList();
        double? fixedMin = axis.Min is { } a && double.IsFinite(a) && (!axis.Log || a > 0) ? to(a) : null;
        double? fixedMax = axis.Max is { } b && double.IsFinite(b) && (!axis.Log || b > 0) ? to(b) : null;

        var low = values.Count > 0 ? values.Min() : fixedMin ?? 0;
        var high = values.Count > 0 ? values.Max() : fixedMax ?? low + 1;
        if (high - low <= Math.Abs(high) * 1e-9)
        {
            var pad = high == 0 ? 1 : Math.Abs(high) * 0.1;
            low -= pad;
            high += pad;
        }

        var span = high - low;
        var min = fixedMin ?? low - (span * lowMargin);
        var max = fixedMax ?? high + (span * highMargin);
        if (!(max > min))
        {
            max = min + 1;
        }

        var lowValue = from(min);
        var highValue = from(max);
        var ticks = axis.Ticks is { } manual
            ? [.. manual.Where(t => double.IsFinite(t.Value) && Within(t.Value, lowValue, highValue, axis.Log))]
            : axis.Log ? LogTicks(lowValue, highValue) : LinearTicks(lowValue, highValue, targetTicks);
        return new ResolvedAxis(lowValue, highValue, axis.Log, ticks);
    }

    /// <summary>Ticks at multiples of 1, 2 or 5 times a power of ten, about <paramref name="target"/> of them.</summary>
    public static IReadOnlyList<AxisTick> LinearTicks(double min, double max, int target)
    {
        var step = NiceStep((max - min) / Math.Max(1, target));
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        var format = decimals == 0 ? "0" : "0." + new string('#', Math.Min(decimals, 12));
        var ticks = new List<AxisTick>();
        for (var k = Math.Ceiling((min / step) - 1e-9); k <= Math.Floor((max / step) + 1e-9); k++)
        {
            var value = Math.Round(k * step, Math.Min(decimals, 15));
            value = value == 0 ? 0 : value; // no "-0"
            var label = Math.Abs(value) >= 10_000 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString(format, CultureInfo.InvariantCulture);
            ticks.Add(new AxisTick(value, label));
        }

        return ticks;
    }

    /// <summary>1, 2 or 5 times a power of ten, the nearest to <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!double.IsFinite(rough) || rough <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var f = rough / magnitude;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
    }

    /// <summary>Ticks at 1, 2 and 5 of each decade between two values (only 1 over many decades); the ends when fewer than three fit.</summary>
    public static IReadOnlyList<AxisTick> LogTicks(double low, double high)
    {
        var ticks = new List<AxisTick>();
        double[] multiples = Math.Log10(high / low) > 5 ? [1] : [1, 2, 5];
        for (var decade = Math.Floor(Math.Log10(low)); decade <= Math.Ceiling(Math.Log10(high)); decade++)
        {
            foreach (var m in multiples)
            {
                var value = double.Parse(string.Create(CultureInfo.InvariantCulture, $"{m}e{decade}"), CultureInfo.InvariantCulture);
                if (value >= low * 0.999 && value <= high * 1.001)
                {
                    ticks.Add(new AxisTick(value, ChartStyle.Tick(value)));
                }
            }
        }

        if (ticks.Count < 3)
        {
            ticks.Insert(0, new AxisTick(low, ChartStyle.Tick(Round3(low))));
            ticks.Add(new AxisTick(high, ChartStyle.Tick(Round3(high))));
        }

        return ticks;
    }

    private static double Round3(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value))) - 2);
        return Math.Round(value / magnitude) * magnitude;
    }

    private static bool Within(double value, double min, double max, bool log)
    {
        var tolerance = log ? 1e-9 : (max - min) * 1e-9;
        return log ? value >= min * (1 - tolerance) && value <= max * (1 + tolerance) : value >= min - tolerance && value <= max + tolerance;
    }

    private static IEnumerable<double> XValues(ChartSpec spec) =>
        spec.Lines.SelectMany(l => l.X.Where((x, i) => i < l.Y.Length && double.IsFinite(l.Y[i])))
            .Concat(spec.Bars.SelectMany(b => b.Bars).SelectMany(b => new[] { b.From, b.To }))
            .Concat(spec.Rules.Where(r => r.Vertical).Select(r => r.Value));

    private static IEnumerable<double> YValues(ChartSpec spec, bool right) =>
        spec.Lines.Where(l => l.RightAxis == right).SelectMany(l => l.Y.Where((y, i) => i < l.X.Length && double.IsFinite(l.X[i])))
            .Concat(right ? [] : spec.Bars.SelectMany(b => b.Bars).SelectMany(b => new[] { 0, b.Value }))
            .Concat(spec.Rules.Where(r => !r.Vertical && r.RightAxis == right).Select(r => r.Value));
}
