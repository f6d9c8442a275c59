using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace LoadHarness.Reporting.Charts;

/// <summary>
/// Turns ScottPlot's standalone SVG document into markup that can sit beside others in one HTML page:
/// no XML declaration, ids made unique per chart, a viewBox so it scales, lists without a trailing comma.
/// </summary>
internal static partial class SvgInliner
{
    public static string Inline(string svgDocument, string chartId, string title)
    {
        var svg = svgDocument;
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start > 0)
        {
            svg = svg[start..];
        }

        svg = IdAttribute().Replace(svg, m => $"id=\"{chartId}-{m.Groups[1].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{chartId}-{m.Groups[1].Value})");
        svg = HrefReference().Replace(svg, m => $"{m.Groups[1].Value}=\"#{chartId}-{m.Groups[2].Value}\"");
        svg = TrailingListComma().Replace(svg, m => $" {m.Groups[1].Value}=\"{m.Groups[2].Value}\"");

        var size = RootSize().Match(svg);
        if (size.Success)
        {
            var w = size.Groups[1].Value;
            var h = size.Groups[2].Value;
            var root = string.Create(
                CultureInfo.InvariantCulture,
                $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\" preserveAspectRatio=\"xMidYMid meet\">");
            var end = svg.IndexOf('>', StringComparison.Ordinal);
            svg = root + svg[(end + 1)..];
        }

        return svg.Trim();
    }

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("(xlink:href|href)=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();

    [GeneratedRegex(@" (x|y|dx|dy)=""([^""]*?)[,\s]+""")]
    private static partial Regex TrailingListComma();

    [GeneratedRegex(@"^<svg[^>]*?width=""([\d.]+)""[^>]*?height=""([\d.]+)""[^>]*>")]
    private static partial Regex RootSize();
}
