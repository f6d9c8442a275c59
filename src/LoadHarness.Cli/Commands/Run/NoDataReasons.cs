using System.Text.RegularExpressions;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Http.Metrics;
using LoadHarness.Postgres.Health;

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
        string[] Notes(string id) => [.. sections.Where(s => s.Id == id).SelectMany(s => s.Notes)];
        string? Naming(string[] notes) => notes.FirstOrDefault(n => n.StartsWith(name + " ", StringComparison.Ordinal)
            || n.StartsWith(name + ":", StringComparison.Ordinal) || n.Contains("'" + name + "'", StringComparison.Ordinal)
            || n.Contains(" " + name + " has no data", StringComparison.Ordinal));
        static string? About(string[] notes, string words) => notes.FirstOrDefault(n => n.Contains(words, StringComparison.Ordinal));

        if (name.StartsWith("db.", StringComparison.Ordinal))
        {
            if (!sections.Any(s => s.Id == DatabaseRunDelta.SectionId))
            {
                return "the run has no database target (Target.ConnectionString), so it read no database figures";
            }

            var notes = Notes(DatabaseRunDelta.SectionId);
            return Naming(notes)
                ?? (name.StartsWith("db.statement(", StringComparison.Ordinal) ? About(notes, "pg_stat_statements: not available") : null)
                ?? About(notes, "database counters at the");
        }

        if (name.StartsWith("app.", StringComparison.Ordinal))
        {
            if (!sections.Any(s => s.Id == MetricsSampler.SectionId))
            {
                return "the run has no Target.MetricsUrl, so it scraped no application metrics";
            }

            var notes = Notes(MetricsSampler.SectionId);
            return Naming(notes) ?? About(notes, "scrapes failed");
        }

        if (name.StartsWith("explain(", StringComparison.Ordinal))
        {
            var notes = Notes(ExplainAfterLoad.SectionId);
            return Naming(notes) ?? About(notes, "the explain(...) thresholds have no data");
        }

        return null;
    }

    /// <summary>The figure's name without a statistic: <c>db.statement(by_id)</c> of <c>db.statement(by_id) mean</c>.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9_.:]+\([^)]*\)|[A-Za-z0-9_.:]+)")]
    private static partial Regex Name();
}
