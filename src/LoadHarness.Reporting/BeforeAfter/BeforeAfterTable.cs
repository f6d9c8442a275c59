using System.Globalization;
using System.Text;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.BeforeAfter;

/// <summary>
/// Compares two runs per scenario and step: p50, p95, RPS, error rate and gate verdict as "before → after", and how
/// many times faster p95 got. A step's gate is its scenario's thresholds (scenario level and that step's).
/// </summary>
public static class BeforeAfterTable
{
    public const string SectionId = "before-after";

    public static readonly IReadOnlyList<string> Columns =
        ["scenario", "step", "p50 ms", "p95 ms", "RPS", "error rate", "gate", "p95 change"];

    private const string Arrow = " → ";

    public static ReportSection Build(RunResult before, RunResult after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var scenario in before.Scenarios.Select(s => s.Name).Union(after.Scenarios.Select(s => s.Name), StringComparer.Ordinal))
        {
            var b = before.Scenarios.FirstOrDefault(s => s.Name == scenario);
            var a = after.Scenarios.FirstOrDefault(s => s.Name == scenario);
            var steps = (b?.Steps ?? []).Select(s => s.Name).Union((a?.Steps ?? []).Select(s => s.Name), StringComparer.Ordinal).ToArray();
            if (steps.Length == 0)
            {
                rows.Add(Row(scenario, null, b?.Stats, a?.Stats, before, after));
            }

            foreach (var step in steps)
            {
                rows.Add(Row(scenario, step, b?.Steps.FirstOrDefault(s => s.Name == step)?.Stats, a?.Steps.FirstOrDefault(s => s.Name == step)?.Stats, before, after));
            }
        }

        var notes = new List<string>
        {
            $"Gate: before {Verdict(before.Thresholds)}{Arrow}after {Verdict(after.Thresholds)}. Before = without db/003_performance_indexes.sql; after = with it (then CHECKPOINT, VACUUM ANALYZE).",
        };
        notes.AddRange(Crossed("before", before));
        notes.AddRange(Crossed("after", after));
        return new ReportSection
        {
            Id = SectionId,
            Title = "Before / after the index migration",
            Notes = notes,
            Tables = [new ReportTable { Title = "Per scenario and step (before → after)", Columns = Columns, Rows = rows }],
        };
    }

    /// <summary>The section's notes and tables as Markdown.</summary>
    public static string ToMarkdown(ReportSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = new StringBuilder();
        text.Append("## ").Append(section.Title).Append("\n\n");
        foreach (var note in section.Notes)
        {
            text.Append("- ").Append(note).Append('\n');
        }

        foreach (var table in section.Tables)
        {
            text.Append("\n### ").Append(table.Title).Append("\n\n");
            text.Append("| ").AppendJoin(" | ", table.Columns).Append(" |\n");
            text.Append('|').AppendJoin("", table.Columns.Select(_ => " --- |")).Append('\n');
            foreach (var row in table.Rows)
            {
                text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
            }
        }

        return text.ToString();
    }

    private static string[] Row(string scenario, string? step, StatsBlock? b, StatsBlock? a, RunResult before, RunResult after) =>
    [
        scenario,
        step ?? "-",
        Pair(b, a, s => Ms(s.Latency.P50Ms)),
        Pair(b, a, s => Ms(s.Latency.P95Ms)),
        Pair(b, a, s => s.Rps.ToString("0.0", CultureInfo.InvariantCulture)),
        Pair(b, a, s => (s.ErrorRate * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %"),
        Gate(before, scenario, step) + Arrow + Gate(after, scenario, step),
        Change(b, a),
    ];

    private static string Pair(StatsBlock? b, StatsBlock? a, Func<StatsBlock, string> format) =>
        (b is { RequestCount: > 0 } ? format(b) : "-") + Arrow + (a is { RequestCount: > 0 } ? format(a) : "-");

    private static string Change(StatsBlock? b, StatsBlock? a)
    {
        if (b is not { RequestCount: > 0 } || a is not { RequestCount: > 0 } || b.Latency.P95Ms <= 0 || a.Latency.P95Ms <= 0)
        {
            return "-";
        }

        var ratio = b.Latency.P95Ms / a.Latency.P95Ms;
        return ratio >= 1
            ? ratio.ToString("0.#", CultureInfo.InvariantCulture) + "× faster"
            : (1 / ratio).ToString("0.#", CultureInfo.InvariantCulture) + "× slower";
    }

    private static string Gate(RunResult result, string scenario, string? step)
    {
        var outcomes = result.Thresholds.Where(t => t.Scenario == scenario && (t.Step is null || t.Step == step)).ToArray();
        return outcomes.Length == 0 ? "-" : outcomes.All(t => t.Passed) ? "pass" : "FAIL";
    }

    private static string Verdict(IReadOnlyList<ThresholdOutcome> outcomes)
    {
        var crossed = outcomes.Count(t => !t.Passed);
        return outcomes.Count == 0 ? "no thresholds"
            : crossed == 0 ? string.Create(CultureInfo.InvariantCulture, $"PASS ({outcomes.Count} thresholds held)")
            : string.Create(CultureInfo.InvariantCulture, $"FAIL ({crossed} of {outcomes.Count} thresholds crossed)");
    }

    private static IEnumerable<string> Crossed(string label, RunResult result) =>
        result.Thresholds.Where(t => !t.Passed).Select(t =>
            $"{label}: {t.Scenario ?? "all scenarios"}{(t.Step is null ? "" : "/" + t.Step)} '{t.Expression}' crossed: {t.Description}");

    private static string Ms(double value) => value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
