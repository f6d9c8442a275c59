using System.Text;

namespace LoadHarness.Reporting.Formatting;

/// <summary>Stable ids of the report's charts: HTML anchors and PNG file names.</summary>
internal static class ChartIds
{
    public const string Load = "chart-load";
    public const string Rps = "chart-rps";
    public const string Errors = "chart-errors";
    public const string Histogram = "chart-histogram";
    public const string Percentiles = "chart-percentiles";
    public const string StatusCodes = "chart-status-codes";

    public static string Latency(string scenario) => "chart-latency-" + Slug(scenario);

    /// <summary>The chart of a group of sampled series ("Database connections").</summary>
    public static string Series(string group) => "chart-series-" + Slug(group);

    /// <summary>The HTML anchor of a result's section (<see cref="Core.Results.ReportSection.Id"/>).</summary>
    public static string Section(string id) => "section-" + Slug(id);

    /// <summary>Lower-case letters, digits and dashes only, safe as an id and a file name.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "x" + StableHash(text).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) : slug;
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u; // FNV-1a: the same in every process, unlike string.GetHashCode
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
