using ScottPlot;

namespace LoadHarness.Reporting.Charts;

/// <summary>A chart of the report: an anchor id, a title, a caption and the ScottPlot plot that draws it.</summary>
internal sealed class ReportChart(string id, string title, string caption, Plot plot) : IDisposable
{
    public const int Width = 760;
    public const int Height = 340;

    public string Id { get; } = id;

    public string Title { get; } = title;

    public string Caption { get; } = caption;

    public Plot Plot { get; } = plot;

    /// <summary>The chart as SVG markup ready to inline in HTML (unique ids, scalable).</summary>
    public string ToInlineSvg() => SvgInliner.Inline(Plot.GetSvgXml(Width, Height), Id, Title);

    /// <summary>Draws the chart once, as inline SVG, for every page and file that shows it.</summary>
    public RenderedChart Render() => new(Id, Title, Caption, ToInlineSvg());

    public byte[] ToPng() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    public void Dispose() => Plot.Dispose();
}
