namespace LoadHarness.Reporting.Charts;

/// <summary>How a line or a reference line is stroked.</summary>
internal enum Dash
{
    Solid,
    Dashed,
    Dotted,
}

/// <summary>The mark drawn at each point of a line (when its <see cref="ChartLine.MarkerSize"/> is above zero).</summary>
internal enum Marker
{
    Circle,
    Cross,
}

/// <summary>A tick at a value of an axis, with the text shown under (or beside) it.</summary>
internal sealed record AxisTick(double Value, string Label);

/// <summary>
/// An axis: its label, linear or log10 (values stay in their own unit; the axis places them by their logarithm),
/// optional fixed limits (else the data's extent with a margin) and optional fixed ticks (else "nice" ones).
/// </summary>
internal sealed class ChartAxis(string label)
{
    public string Label { get; } = label;

    public bool Log { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public IReadOnlyList<AxisTick>? Ticks { get; set; }

    /// <summary>Tick labels slanted (long labels that would overlap when level).</summary>
    public bool SlantedLabels { get; set; }
}

/// <summary>A line through points (non-finite points are left out), optionally with a marker at each point or only markers.</summary>
internal sealed record ChartLine(string Legend, double[] X, double[] Y, string Color)
{
    public double Width { get; init; } = 1.6;

    public Dash Dash { get; init; }

    /// <summary>Diameter of the marker in pixels; 0 draws none.</summary>
    public double MarkerSize { get; init; }

    public Marker Marker { get; init; }

    /// <summary>Only the markers, no line between them.</summary>
    public bool MarkersOnly { get; init; }

    /// <summary>Against the right y axis (<see cref="ChartSpec.Y2"/>).</summary>
    public bool RightAxis { get; init; }

    /// <summary>Points joined by steps: up (or down) at each x first, then across to the next x.</summary>
    public static (double[] X, double[] Y) StepVertical(IReadOnlyList<(double X, double Y)> points)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0)
            {
                x.Add(points[i - 1].X);
                y.Add(points[i].Y);
            }

            x.Add(points[i].X);
            y.Add(points[i].Y);
        }

        return ([.. x], [.. y]);
    }

    /// <summary>Points joined by steps: across to the next x first, then up (or down) to its value.</summary>
    public static (double[] X, double[] Y) StepHorizontal(IReadOnlyList<(double X, double Y)> points)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0)
            {
                x.Add(points[i].X);
                y.Add(points[i - 1].Y);
            }

            x.Add(points[i].X);
            y.Add(points[i].Y);
        }

        return ([.. x], [.. y]);
    }
}

/// <summary>A bar from <paramref name="From"/> to <paramref name="To"/> on the x axis, <paramref name="Value"/> high; an optional label above it.</summary>
internal sealed record ChartBar(double From, double To, double Value, string Color, string? Label = null);

/// <summary>Bars that share a legend entry (its swatch takes the first bar's colour).</summary>
internal sealed record ChartBars(string Legend, IReadOnlyList<ChartBar> Bars)
{
    public double Opacity { get; init; } = 1;
}

/// <summary>A horizontal (or vertical) reference line across the plot, e.g. a threshold or a chosen load.</summary>
internal sealed record ChartRule(bool Vertical, double Value, string Color, string Legend)
{
    public double Width { get; init; } = 1.5;

    public Dash Dash { get; init; }

    /// <summary>A horizontal line against the right y axis.</summary>
    public bool RightAxis { get; init; }
}

/// <summary>
/// What a chart shows, independent of how it is drawn: <see cref="SvgChartWriter"/> writes it as SVG (the default
/// formats), <see cref="ScottPlotChart"/> draws it as PNG.
/// </summary>
internal sealed class ChartSpec(string title, string xLabel, string yLabel)
{
    public string Title { get; } = title;

    public ChartAxis X { get; } = new(xLabel);

    public ChartAxis Y { get; } = new(yLabel);

    /// <summary>The right y axis, for lines and rules with <c>RightAxis</c>; null when there is none.</summary>
    public ChartAxis? Y2 { get; set; }

    public List<ChartBars> Bars { get; } = [];

    public List<ChartLine> Lines { get; } = [];

    public List<ChartRule> Rules { get; } = [];

    public bool Legend { get; set; } = true;

    public ChartLine Add(ChartLine line)
    {
        Lines.Add(line);
        return line;
    }

    /// <summary>The y axis from zero to a little above the data (room for the legend), whatever the data.</summary>
    public void FromZero(IEnumerable<double> values) => ChartStyle.FromZero(Y, values);
}
