using System.Globalization;
using System.Text;

namespace LoadHarness.Reporting.Charts;

/// <summary>
/// Writes a <see cref="ChartSpec"/> as SVG markup: title, axes with ticks and grid, axis labels, bars, lines, reference
/// lines and a legend. The markup stands alone (xmlns) and sits beside others in one HTML page: its one id (the plot's
/// clip path) starts with the chart's prefix, a viewBox lets it scale, role="img" and aria-label name it. Numbers are
/// written in the invariant culture; nothing non-finite reaches the output.
/// </summary>
internal static class SvgChartWriter
{
    private const string Text = "#24292f";
    private const string AxisLine = "#57606a";
    private const string Grid = "#e1e4e8";
    private const double TickFont = 11;
    private const double LabelFont = 13;
    private const double TitleFont = 15;
    private const double LegendFont = 11;

    /// <summary>Approximate advance of a character of DejaVu Sans (a wide font), as a share of the font size.</summary>
    private const double CharWidth = 0.6;

    public static string Write(ChartSpec spec, int width, int height, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var layout = Layout.Of(spec, width, height);
        var x = layout.X;
        var y = layout.Y;
        var sb = new StringBuilder(16 * 1024);
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Esc(spec.Title)}\" preserveAspectRatio=\"xMidYMid meet\" font-family=\"'{ChartStyle.FontName}', Verdana, Arial, sans-serif\">\n");
        var clip = idPrefix + "-plot";
        sb.Append("<defs><clipPath id=\"").Append(Esc(clip)).Append("\"><rect").Attr("x", layout.Left).Attr("y", layout.Top)
          .Attr("width", layout.Right - layout.Left).Attr("height", layout.Bottom - layout.Top).Append("/></clipPath></defs>\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

        // Grid, then the data clipped to the plot, then the frame and ticks over it.
        var grid = new StringBuilder();
        foreach (var t in x.Ticks)
        {
            grid.Append('M').Num(layout.Px(t.Value)).Append(' ').Num(layout.Top).Append('V').Num(layout.Bottom);
        }

        foreach (var t in y.Ticks)
        {
            grid.Append('M').Num(layout.Left).Append(' ').Num(layout.Py(t.Value)).Append('H').Num(layout.Right);
        }

        if (grid.Length > 0)
        {
            sb.Append("<path d=\"").Append(grid).Append("\" stroke=\"").Append(Grid).Append("\" stroke-width=\"1\" fill=\"none\"/>\n");
        }

        sb.Append("<g clip-path=\"url(#").Append(Esc(clip)).Append(")\">\n");
        AppendBars(sb, spec, layout);
        AppendRules(sb, spec, layout);
        AppendLines(sb, spec, layout);
        sb.Append("</g>\n");
        AppendBarLabels(sb, spec, layout);
        AppendAxes(sb, spec, layout);
        sb.Append("<text").Attr("x", width / 2.0).Attr("y", 22).Attr("font-size", TitleFont).Append(" text-anchor=\"middle\" fill=\"").Append(Text).Append("\">")
          .Append(Esc(spec.Title)).Append("</text>\n");
        if (spec.Legend)
        {
            AppendLegend(sb, spec, layout);
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void AppendBars(StringBuilder sb, ChartSpec spec, Layout layout)
    {
        foreach (var series in spec.Bars)
        {
            // One path per colour: a bar is a closed rectangle from the axis's zero (or bottom) to its value.
            foreach (var group in series.Bars.Where(b => double.IsFinite(b.Value) && double.IsFinite(b.From) && double.IsFinite(b.To)).GroupBy(b => b.Color, StringComparer.Ordinal))
            {
                var d = new StringBuilder();
                foreach (var bar in group)
                {
                    var x0 = layout.Px(bar.From);
                    var x1 = layout.Px(bar.To);
                    var y0 = layout.Py(Math.Max(0, layout.Y.Log ? layout.Y.Min : Math.Max(layout.Y.Min, 0)));
                    var y1 = layout.Py(bar.Value);
                    if (!double.IsFinite(x0) || !double.IsFinite(x1) || !double.IsFinite(y0) || !double.IsFinite(y1))
                    {
                        continue;
                    }

                    d.Append('M').Num(Math.Min(x0, x1)).Append(' ').Num(Math.Min(y0, y1))
                     .Append('H').Num(Math.Max(x0, x1)).Append('V').Num(Math.Max(y0, y1)).Append('H').Num(Math.Min(x0, x1)).Append('Z');
                }

                if (d.Length > 0)
                {
                    sb.Append("<path d=\"").Append(d).Append("\" fill=\"").Append(Esc(group.Key)).Append('"');
                    if (series.Opacity < 1)
                    {
                        sb.Attr("fill-opacity", series.Opacity);
                    }

                    sb.Append("/>\n");
                }
            }
        }
    }

    private static void AppendBarLabels(StringBuilder sb, ChartSpec spec, Layout layout)
    {
        foreach (var bar in spec.Bars.SelectMany(b => b.Bars).Where(b => !string.IsNullOrEmpty(b.Label)))
        {
            var cx = layout.Px((bar.From + bar.To) / 2);
            var top = layout.Py(bar.Value);
            if (double.IsFinite(cx) && double.IsFinite(top))
            {
                sb.Append("<text").Attr("x", cx).Attr("y", Math.Max(layout.Top + TickFont, top - 4)).Attr("font-size", TickFont)
                  .Append(" text-anchor=\"middle\" fill=\"").Append(Text).Append("\">").Append(Esc(bar.Label!)).Append("</text>\n");
            }
        }
    }

    private static void AppendRules(StringBuilder sb, ChartSpec spec, Layout layout)
    {
        foreach (var rule in spec.Rules)
        {
            string d;
            if (rule.Vertical)
            {
                var px = layout.Px(rule.Value);
                if (!double.IsFinite(px))
                {
                    continue;
                }

                d = new StringBuilder().Append('M').Num(px).Append(' ').Num(layout.Top).Append(" V").Num(layout.Bottom).ToString();
            }
            else
            {
                var py = rule.RightAxis ? layout.Py2(rule.Value) : layout.Py(rule.Value);
                if (!double.IsFinite(py))
                {
                    continue;
                }

                d = new StringBuilder().Append('M').Num(layout.Left).Append(' ').Num(py).Append(" H").Num(layout.Right).ToString();
            }

            sb.Append("<path d=\"").Append(d).Append('"').Stroke(rule.Color, rule.Width, rule.Dash).Append(" fill=\"none\"/>\n");
        }
    }

    private static void AppendLines(StringBuilder sb, ChartSpec spec, Layout layout)
    {
        foreach (var line in spec.Lines)
        {
            var points = Points(line, layout);
            if (!line.MarkersOnly)
            {
                // A gap (a point that cannot be placed) starts a new stretch.
                var d = new StringBuilder();
                var pen = false;
                foreach (var p in points)
                {
                    if (p is not { } at)
                    {
                        pen = false;
                        continue;
                    }

                    d.Append(pen ? " L" : d.Length > 0 ? " M" : "M").Num(at.X).Append(' ').Num(at.Y);
                    pen = true;
                }

                if (d.Length > 0)
                {
                    sb.Append("<path d=\"").Append(d).Append('"').Stroke(line.Color, line.Width, line.Dash)
                      .Append(" fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
                }
            }

            var size = line.MarkerSize > 0 ? line.MarkerSize : !line.MarkersOnly && points.Count(p => p is not null) == 1 ? 5 : 0;
            if (size > 0)
            {
                foreach (var at in points.OfType<(double X, double Y)>())
                {
                    AppendMarker(sb, line.Marker, at.X, at.Y, size, line.Color);
                }
            }
        }
    }

    private static void AppendMarker(StringBuilder sb, Marker marker, double x, double y, double size, string color)
    {
        var r = size / 2;
        if (marker == Marker.Cross)
        {
            var d = new StringBuilder().Append('M').Num(x - r).Append(' ').Num(y - r).Append(" L").Num(x + r).Append(' ').Num(y + r)
                .Append(" M").Num(x - r).Append(' ').Num(y + r).Append(" L").Num(x + r).Append(' ').Num(y - r);
            sb.Append("<path d=\"").Append(d).Append('"').Stroke(color, 2, Dash.Solid).Append(" fill=\"none\"/>\n");
        }
        else
        {
            sb.Append("<circle").Attr("cx", x).Attr("cy", y).Attr("r", r).Append(" fill=\"").Append(Esc(color)).Append("\"/>\n");
        }
    }

    /// <summary>Each point in pixels, or null where it cannot be drawn (non-finite, or not positive on a log axis).</summary>
    private static List<(double X, double Y)?> Points(ChartLine line, Layout layout)
    {
        var points = new List<(double X, double Y)?>();
        for (var i = 0; i < Math.Min(line.X.Length, line.Y.Length); i++)
        {
            var px = layout.Px(line.X[i]);
            var py = line.RightAxis ? layout.Py2(line.Y[i]) : layout.Py(line.Y[i]);
            points.Add(double.IsFinite(px) && double.IsFinite(py) ? (px, py) : null);
        }

        return points;
    }

    private static void AppendAxes(StringBuilder sb, ChartSpec spec, Layout layout)
    {
        // The frame and the tick marks.
        var d = new StringBuilder().Append('M').Num(layout.Left).Append(' ').Num(layout.Top).Append('V').Num(layout.Bottom).Append('H').Num(layout.Right);
        if (layout.Y2 is not null)
        {
            d.Append('V').Num(layout.Top);
        }

        foreach (var t in layout.X.Ticks)
        {
            d.Append('M').Num(layout.Px(t.Value)).Append(' ').Num(layout.Bottom).Append("v4");
        }

        foreach (var t in layout.Y.Ticks)
        {
            d.Append('M').Num(layout.Left).Append(' ').Num(layout.Py(t.Value)).Append("h-4");
        }

        foreach (var t in layout.Y2?.Ticks ?? [])
        {
            d.Append('M').Num(layout.Right).Append(' ').Num(layout.Py2(t.Value)).Append("h4");
        }

        sb.Append("<path d=\"").Append(d).Append("\" stroke=\"").Append(AxisLine).Append("\" stroke-width=\"1\" fill=\"none\"/>\n");

        sb.Append("<g font-size=\"").Num(TickFont).Append("\" fill=\"").Append(Text).Append("\">\n");
        var slanted = spec.X.SlantedLabels;
        foreach (var t in layout.X.Ticks)
        {
            var px = layout.Px(t.Value);
            var py = layout.Bottom + 6 + TickFont;
            if (slanted)
            {
                sb.Append("<text").Attr("x", px).Attr("y", py).Append(" text-anchor=\"end\" transform=\"rotate(-30 ").Num(px).Append(' ').Num(py - 4).Append(")\">");
            }
            else
            {
                sb.Append("<text").Attr("x", px).Attr("y", py).Append(" text-anchor=\"middle\">");
            }

            sb.Append(Esc(t.Label)).Append("</text>\n");
        }

        foreach (var t in layout.Y.Ticks)
        {
            sb.Append("<text").Attr("x", layout.Left - 7).Attr("y", layout.Py(t.Value) + (TickFont * 0.35)).Append(" text-anchor=\"end\">").Append(Esc(t.Label)).Append("</text>\n");
        }

        foreach (var t in layout.Y2?.Ticks ?? [])
        {
            sb.Append("<text").Attr("x", layout.Right + 7).Attr("y", layout.Py2(t.Value) + (TickFont * 0.35)).Append(" text-anchor=\"start\">").Append(Esc(t.Label)).Append("</text>\n");
        }

        sb.Append("</g>\n<g font-size=\"").Num(LabelFont).Append("\" fill=\"").Append(Text).Append("\" text-anchor=\"middle\">\n");
        var midX = (layout.Left + layout.Right) / 2;
        var midY = (layout.Top + layout.Bottom) / 2;
        sb.Append("<text").Attr("x", midX).Attr("y", layout.Height - 8).Append('>').Append(Esc(spec.X.Label)).Append("</text>\n");
        sb.Append("<text transform=\"translate(").Num(6 + LabelFont).Append(' ').Num(midY).Append(") rotate(-90)\">").Append(Esc(spec.Y.Label)).Append("</text>\n");
        if (spec.Y2 is not null)
        {
            sb.Append("<text transform=\"translate(").Num(layout.Width - 6 - LabelFont).Append(' ').Num(midY).Append(") rotate(90)\">").Append(Esc(spec.Y2.Label)).Append("</text>\n");
        }

        sb.Append("</g>\n");
    }

    private static void AppendLegend(StringBuilder sb, ChartSpec spec, Layout layout)
    {
        var entries = new List<(string Text, Action<StringBuilder, double, double> Swatch)>();
        foreach (var bars in spec.Bars.Where(b => b.Legend.Length > 0 && b.Bars.Count > 0))
        {
            var color = bars.Bars[0].Color;
            entries.Add((bars.Legend, (s, x, y) => s.Append("<rect").Attr("x", x + 4).Attr("y", y - 5).Attr("width", 14).Attr("height", 10)
                .Append(" fill=\"").Append(Esc(color)).Append('"').Attr("fill-opacity", bars.Opacity).Append("/>\n")));
        }

        foreach (var line in spec.Lines.Where(l => l.Legend.Length > 0))
        {
            entries.Add((line.Legend, (s, x, y) =>
            {
                if (!line.MarkersOnly)
                {
                    s.Append("<path d=\"M").Num(x).Append(' ').Num(y).Append(" h22\"").Stroke(line.Color, line.Width, line.Dash).Append(" fill=\"none\"/>\n");
                }

                if (line.MarkersOnly || line.MarkerSize > 0)
                {
                    AppendMarker(s, line.Marker, x + 11, y, Math.Min(8, line.MarkerSize > 0 ? line.MarkerSize : 5), line.Color);
                }
            }));
        }

        foreach (var rule in spec.Rules.Where(r => r.Legend.Length > 0))
        {
            entries.Add((rule.Legend, (s, x, y) =>
                s.Append("<path d=\"M").Num(x).Append(' ').Num(y).Append(" h22\"").Stroke(rule.Color, rule.Width, rule.Dash).Append(" fill=\"none\"/>\n")));
        }

        if (entries.Count == 0)
        {
            return;
        }

        const double row = 16;
        var textWidth = entries.Max(e => TextWidth(e.Text, LegendFont));
        var boxX = layout.Left + 8;
        var boxY = layout.Top + 8;
        var boxWidth = Math.Min(layout.Right - boxX - 4, 8 + 22 + 6 + textWidth + 8);
        var boxHeight = 6 + (entries.Count * row);
        sb.Append("<g font-size=\"").Num(LegendFont).Append("\">\n<rect").Attr("x", boxX).Attr("y", boxY).Attr("width", boxWidth).Attr("height", boxHeight)
          .Append(" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#afb8c1\" stroke-width=\"1\" rx=\"2\"/>\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var cy = boxY + 3 + (row / 2) + (i * row);
            entries[i].Swatch(sb, boxX + 8, cy);
            sb.Append("<text").Attr("x", boxX + 8 + 22 + 6).Attr("y", cy + (LegendFont * 0.35)).Append(" fill=\"").Append(Text).Append("\">").Append(Esc(entries[i].Text)).Append("</text>\n");
        }

        sb.Append("</g>\n");
    }

    private static double TextWidth(string text, double fontSize) => text.Length * fontSize * CharWidth;

    private static StringBuilder Stroke(this StringBuilder sb, string color, double width, Dash dash)
    {
        sb.Append(" stroke=\"").Append(Esc(color)).Append('"').Attr("stroke-width", width);
        return dash switch
        {
            Dash.Dashed => sb.Append(" stroke-dasharray=\"6 4\""),
            Dash.Dotted => sb.Append(" stroke-dasharray=\"2 3\""),
            _ => sb,
        };
    }

    private static StringBuilder Attr(this StringBuilder sb, string name, double value) =>
        sb.Append(' ').Append(name).Append("=\"").Num(value).Append('"');

    /// <summary>A coordinate with at most two decimals, invariant; a non-finite value (never expected) as 0.</summary>
    private static StringBuilder Num(this StringBuilder sb, double value)
    {
        if (!double.IsFinite(value))
        {
            value = 0;
        }

        value = Math.Round(Math.Clamp(value, -1e6, 1e6), 2);
        return sb.Append((value == 0 ? 0 : value).ToString("0.##", CultureInfo.InvariantCulture));
    }

    /// <summary>Text and attribute values escaped for XML (and HTML).</summary>
    internal static string Esc(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
    }

    /// <summary>Where the plot area lies and how values map to pixels.</summary>
    private sealed record Layout(int Width, int Height, double Left, double Top, double Right, double Bottom, ResolvedAxis X, ResolvedAxis Y, ResolvedAxis? Y2)
    {
        public static Layout Of(ChartSpec spec, int width, int height)
        {
            // Ticks depend on the plot's size and the margins on the ticks' labels: size from a first guess.
            var guessWidth = width - 120.0;
            var guessHeight = height - 90.0;
            var x = ChartScale.X(spec, TicksFor(guessWidth, 90));
            var y = ChartScale.Y(spec, TicksFor(guessHeight, 42));
            var y2 = ChartScale.Y2(spec, TicksFor(guessHeight, 42));
            var left = 6 + LabelFont + 8 + MaxWidth(y.Ticks) + 7;
            var right = y2 is null ? width - Math.Max(16, (x.Ticks.Count > 0 ? TextWidth(x.Ticks[^1].Label, TickFont) / 2 : 0) + 4)
                : width - (6 + LabelFont + 8 + MaxWidth(y2.Ticks) + 7);
            var tickLabelHeight = spec.X.SlantedLabels
                ? (x.Ticks.Select(t => TextWidth(t.Label, TickFont)).DefaultIfEmpty(0).Max() * 0.5) + TickFont
                : TickFont;
            var bottom = height - (8 + LabelFont + 6 + tickLabelHeight + 6);
            return new Layout(width, height, left, 34, right, bottom, x, y, y2);
        }

        public double Px(double value) => Left + (X.Fraction(value) * (Right - Left));

        public double Py(double value) => Bottom - (Y.Fraction(value) * (Bottom - Top));

        public double Py2(double value) => Y2 is null ? double.NaN : Bottom - (Y2.Fraction(value) * (Bottom - Top));

        private static int TicksFor(double pixels, double spacing) => Math.Max(2, (int)(pixels / spacing));

        private static double MaxWidth(IReadOnlyList<AxisTick> ticks) => ticks.Select(t => TextWidth(t.Label, TickFont)).DefaultIfEmpty(0).Max();
    }
}
