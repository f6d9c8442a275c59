using LoadHarness.Reporting.Csv;
using LoadHarness.Reporting.Html;
using LoadHarness.Reporting.JUnit;
using LoadHarness.Reporting.Markdown;
using LoadHarness.Reporting.Text;

namespace LoadHarness.Reporting;

/// <summary>
/// The report formats by name, as NBomber's <c>ReportFormats</c> values ("Html", "Md", "Csv", "Txt") plus "JUnit" and
/// "Png" (summary.md with PNG charts instead of SVG ones). Names are case-insensitive; result.json is always written
/// and is not a format here.
/// </summary>
public static class ReportFormats
{
    public const string Html = "html";
    public const string Md = "md";
    public const string Csv = "csv";
    public const string Txt = "txt";
    public const string JUnit = "junit";
    public const string Png = "png";

    /// <summary>Every format name this build knows, for the config validator.</summary>
    public static IReadOnlyList<string> Known { get; } = [Html, Md, Csv, Txt, JUnit, Png];

    /// <summary>The formats written when the config names none.</summary>
    public static IReadOnlyList<string> Default { get; } = [Html, Md, Csv, JUnit];

    public static bool IsKnown(string? name) =>
        name is not null && Known.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical (lower-case) name of a format; throws <see cref="ArgumentException"/> for an unknown one.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return Known.FirstOrDefault(k => string.Equals(k, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown report format '{name}'. Known formats: {string.Join(", ", Known)} (case-insensitive).",
                nameof(name));
    }

    /// <summary>The writer for a format name (case-insensitive).</summary>
    public static IReportWriter Create(string name) => Normalize(name) switch
    {
        Html => new HtmlReportWriter(),
        Md => new MarkdownReportWriter(),
        Png => new MarkdownReportWriter { PngCharts = true },
        Csv => new CsvReportWriter(),
        Txt => new TextReportWriter(),
        JUnit => new JUnitReportWriter(),
        var other => throw new ArgumentException($"Unknown report format '{other}'.", nameof(name)),
    };
}
