using System.Runtime.CompilerServices;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Charts;

/// <summary>
/// A chart drawn once: its anchor id, title, caption and inline SVG markup (unique ids, a viewBox). index.html inlines
/// the markup and summary.md links the same drawing as a file (<see cref="ToSvgFile"/>), so the default formats draw
/// each chart once, not once per format.
/// </summary>
internal sealed record RenderedChart(string Id, string Title, string Caption, string InlineSvg)
{
    private static readonly ConditionalWeakTable<RunResult, IReadOnlyList<RenderedChart>> Cache = [];

    /// <summary>Every chart of a result, drawn on first use and kept as long as the result lives.</summary>
    public static IReadOnlyList<RenderedChart> For(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Cache.GetValue(result, static r => [.. ReportCharts.Build(r).Select(c => c.Render())]);
    }

    /// <summary>The markup as a file of its own: the same drawing, with the chart's size for viewers that need one.</summary>
    public string ToSvgFile()
    {
        const string open = "<svg ";
        var at = InlineSvg.IndexOf(open, StringComparison.Ordinal);
        return at < 0 ? InlineSvg
            : string.Concat(InlineSvg.AsSpan(0, at + open.Length), $"width=\"{ReportChart.Width}\" height=\"{ReportChart.Height}\" ", InlineSvg.AsSpan(at + open.Length)) + "\n";
    }
}
