using System.Runtime.CompilerServices;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LoadHarness.Reporting.Charts;

/// <summary>
/// Draws a <see cref="ChartSpec"/> with ScottPlot, for PNG files (the <c>png</c> report format, the capacity report's
/// knee). The only place that touches ScottPlot, so the default formats (SVG by <see cref="SvgChartWriter"/>) never
/// load it or SkiaSharp. Limits and ticks come from <see cref="ChartScale"/>, as in the SVG.
/// </summary>
internal static class ScottPlotChart
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static byte[] ToPng(ChartSpec spec, int width, int height)
    {
        using var plot = From(spec, width, height);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public static Plot From(ChartSpec spec, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var plot = new Plot();
        try
        {
            plot.Font.Set(ChartStyle.FontName);
            plot.Title(spec.Title, 15);
            plot.XLabel(spec.X.Label, 13);
            plot.YLabel(spec.Y.Label, 13);
            var x = ChartScale.X(spec, Math.Max(2, (width - 120) / 90));
            var y = ChartScale.Y(spec, Math.Max(2, (height - 90) / 42));
            var y2 = ChartScale.Y2(spec, Math.Max(2, (height - 90) / 42));
            Func<double, double> px = x.Log ? Math.Log10 : v => v;

            foreach (var series in spec.Bars)
            {
                var bars = series.Bars.Where(b => double.IsFinite(b.Value)).Select(b => new Bar
                {
                    Position = (px(b.From) + px(b.To)) / 2,
                    Size = Math.Abs(px(b.To) - px(b.From)),
                    Value = b.Value,
                    FillColor = ColorOf(b.Color).WithAlpha(series.Opacity),
                    LineWidth = 0,
                    Label = b.Label ?? string.Empty,
                }).Where(b => double.IsFinite(b.Position) && double.IsFinite(b.Size)).ToList();
                var plottable = plot.Add.Bars(bars);
                plottable.LegendText = series.Legend;
                plottable.ValueLabelStyle.FontName = ChartStyle.FontName;
            }

            foreach (var line in spec.Lines)
            {
                var points = Enumerable.Range(0, Math.Min(line.X.Length, line.Y.Length))
                    .Select(i => (X: px(line.X[i]), Y: line.Y[i]))
                    .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
                    .ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), ColorOf(line.Color));
                scatter.LineWidth = line.MarkersOnly ? 0 : (float)line.Width;
                scatter.LinePattern = Pattern(line.Dash);
                scatter.MarkerSize = (float)(line.MarkerSize > 0 ? line.MarkerSize : points.Length == 1 ? 5 : 0);
                scatter.MarkerShape = line.Marker == Marker.Cross ? MarkerShape.Eks : MarkerShape.FilledCircle;
                scatter.LegendText = line.Legend;
                if (line.RightAxis)
                {
                    scatter.Axes.YAxis = plot.Axes.Right;
                }
            }

            foreach (var rule in spec.Rules)
            {
                ScottPlot.Plottables.AxisLine line = rule.Vertical
                    ? plot.Add.VerticalLine(px(rule.Value), (float)rule.Width, ColorOf(rule.Color), Pattern(rule.Dash))
                    : plot.Add.HorizontalLine(rule.Value, (float)rule.Width, ColorOf(rule.Color), Pattern(rule.Dash));
                if (rule.RightAxis)
                {
                    line.Axes.YAxis = plot.Axes.Right;
                }

                line.LegendText = rule.Legend;
            }

            plot.Axes.Bottom.TickGenerator = Ticks(x, px);
            plot.Axes.Left.TickGenerator = Ticks(y, v => v);
            plot.Axes.SetLimitsX(px(x.Min), px(x.Max));
            plot.Axes.SetLimitsY(y.Min, y.Max);
            if (spec.X.SlantedLabels)
            {
                plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
                plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
                plot.Axes.Bottom.MinimumSize = 70;
            }

            if (y2 is not null)
            {
                var right = plot.Axes.Right;
                right.Label.Text = spec.Y2!.Label;
                right.Label.FontSize = 13;
                right.Label.FontName = ChartStyle.FontName;
                right.TickGenerator = Ticks(y2, v => v);
                plot.Axes.SetLimitsY(y2.Min, y2.Max, right);
            }

            if (spec.Legend)
            {
                plot.ShowLegend(Alignment.UpperLeft);
            }

            return plot;
        }
        catch
        {
            plot.Dispose();
            throw;
        }
    }

    private static NumericManual Ticks(ResolvedAxis axis, Func<double, double> place)
    {
        var ticks = new NumericManual();
        foreach (var t in axis.Ticks)
        {
            ticks.AddMajor(place(t.Value), t.Label);
        }

        return ticks;
    }

    private static LinePattern Pattern(Dash dash) => dash switch
    {
        Dash.Dashed => LinePattern.Dashed,
        Dash.Dotted => LinePattern.Dotted,
        _ => LinePattern.Solid,
    };

    private static Color ColorOf(string hex) => Color.FromHex(hex);
}
