using System.Runtime.CompilerServices;

namespace LoadHarness.Reporting.Charts;

/// <summary>A chart of the report: an anchor id, a title, a caption and the <see cref="ChartSpec"/> of what it shows.</summary>
internal sealed class ReportChart(string id, string title, string caption, ChartSpec spec)
{
    public const int Width = 760;
    public const int Height = 340;

    public string Id { get; } = id;

    public string Title { get; } = title;

    public string Caption { get; } = caption;

    public ChartSpec Spec { get; } = spec;

    /// <summary>The chart as SVG markup ready to inline in HTML (ids prefixed with the chart's, scalable). No ScottPlot.</summary>
    public string ToInlineSvg() => SvgChartWriter.Write(Spec, Width, Height, Id);

    /// <summary>Draws the chart once, as inline SVG, for every page and file that shows it.</summary>
    public RenderedChart Render() => new(Id, Title, Caption, ToInlineSvg());

    /// <summary>
    /// The chart as PNG pixels, drawn by ScottPlot (loaded only here). Never inlined: a caller that merely could draw a
    /// PNG (summary.md's writer) would otherwise load ScottPlot when it is compiled, PNG or not.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public byte[] ToPng() => ScottPlotChart.ToPng(Spec, Width, Height);
}
