using LoadHarness.Core.Results;
using LoadHarness.Reporting.Charts;
using LoadHarness.Reporting.Writing;

namespace LoadHarness.Reporting.Markdown;

/// <summary>
/// summary.md (for a CI step summary or a PR comment) and its charts beside it: SVG files by default (the drawing
/// index.html inlines, so a chart is drawn once for both), PNG files when <see cref="PngCharts"/> is set (the
/// <c>png</c> report format, for viewers that show no SVG).
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public const string FileName = "summary.md";

    public string Format => ReportFormats.Md;

    /// <summary>False writes only summary.md (no images), e.g. for a PR comment where images cannot be attached.</summary>
    public bool WriteCharts { get; init; } = true;

    /// <summary>Charts as PNG files (drawn again, as pixels) instead of SVG.</summary>
    public bool PngCharts { get; init; }

    public async Task<IReadOnlyList<string>> WriteAsync(RunResult result, string outputFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var written = new List<string>();
        var images = new List<(string File, string Title)>();
        if (WriteCharts && PngCharts)
        {
            foreach (var chart in ReportCharts.Build(result))
            {
                var file = chart.Id + ".png";
                written.Add(await AtomicFile.WriteBytesAsync(Path.Combine(outputFolder, file), chart.ToPng(), cancellationToken).ConfigureAwait(false));
                images.Add((file, chart.Title));
            }
        }
        else if (WriteCharts)
        {
            foreach (var chart in RenderedChart.For(result))
            {
                var file = chart.Id + ".svg";
                written.Add(await AtomicFile.WriteTextAsync(Path.Combine(outputFolder, file), chart.ToSvgFile(), cancellationToken).ConfigureAwait(false));
                images.Add((file, chart.Title));
            }
        }

        var text = MarkdownSummary.Render(result, images);
        written.Insert(0, await AtomicFile.WriteTextAsync(Path.Combine(outputFolder, FileName), text, cancellationToken).ConfigureAwait(false));
        return written;
    }
}
