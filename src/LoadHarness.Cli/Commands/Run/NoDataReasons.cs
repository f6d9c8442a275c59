using System.Text.RegularExpressions;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Cli.Commands.Run;

/// <summary>
/// Says in a "no data" outcome why the figure is missing, so the console line and every report that fails the gate on
/// it give the reason where the verdict is read (before: <c>db.statement(by_id) mean: no data (limit &lt; 5)</c>, exit 99,
/// and the cause — no pg_stat_statements in that database — only in the report's Database section). The reason is the
/// note of the section that measures the figure (<c>db.*</c> the database, <c>app.*</c> the application's metrics,
/// <c>explain(...)</c> the EXPLAIN after the load) that names the figure or its family; a run that never measured that
/// part (no database target, no metrics URL) names the missing setting. No note, no reason: nothing is made up.
/// </summary>
internal static partial class NoDataReasons
{
    public static IReadOnlyList<ThresholdOutcome> Explain(IReadOnlyList<ThresholdOutcome> outcomes, IReadOnlyList<ReportSection> sections) =>
        [.. outcomes.Select(o => o is { NoData: true, Kind: ThresholdMetric.Measurement } && Reason(o.Metric, sections) is { } reason
            ? o with { Description = o.Description + ": " + reason }
            : o)];

    /// <summary>The note that explains why <paramref name="metric"/> (e.g. <c>db.statement(by_id) mean</c>) has no data, or null.</summary>
    internal static string? Reason(string metric, IReadOnlyList<ReportSection> sections)
    {
        var name = Name().Match(metric) is { Success: true } m ? m.Groups[1].Value : metric.Split(' ')[0];
        if (FigureSections.Of(name) is not { } sectionId)
        {
            return null;
        }

        if (!sections.Any(s => s.Id == sectionId))
        {
            return sectionId switch
            {
                FigureSections.Database => "the run has no database target (Target.ConnectionString), so it read no database figures",
                FigureSections.AppMetrics => "the run has no Target.MetricsUrl, so it scraped no application metrics",
                _ => null,
            };
        }

        string[] notes = [.. sections.Where(s => s.Id == sectionId).SelectMany(s => s.Notes)];
        string? About(string words) => notes.FirstOrDefault(n => n.Contains(words, StringComparison.Ordinal));

        // Its own note first (explain(x): ..., db.index_usage ..., '... has no data'), then one about its whole family.
        return notes.FirstOrDefault(n => n.StartsWith(name + " ", StringComparison.Ordinal) || n.StartsWith(name + ":", StringComparison.Ordinal)
                || n.Contains("'" + name + "'", StringComparison.Ordinal) || n.Contains(" " + name + " has no data", StringComparison.Ordinal))
            ?? sectionId switch
            {
                FigureSections.Database => (name.StartsWith("db.statement(", StringComparison.Ordinal) ? About("pg_stat_statements: not available") : null)
                    ?? About("database counters at the"),
                FigureSections.AppMetrics => About("scrapes failed"),
                FigureSections.Explain => About("the explain(...) thresholds have no data"),
                _ => null,
            };
    }

    /// <summary>The figure's name without a statistic: <c>db.statement(by_id)</c> of <c>db.statement(by_id) mean</c>.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9_.:]+\([^)]*\)|[A-Za-z0-9_.:]+)")]
    private static partial Regex Name();
}
