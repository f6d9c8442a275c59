using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Markdown;

/// <summary>The text of summary.md: verdict, thresholds, scenario stats, errors, checks, sections, chart images.</summary>
internal static class MarkdownSummary
{
    public static string Render(RunResult result, IReadOnlyList<(string File, string Title)> charts)
    {
        var sb = new StringBuilder();
        var verdict = Verdict.Of(result);
        sb.Append("# ").Append(!verdict.Passed ? "❌ " : verdict.Gated ? "✅ " : "⚠️ ").Append(verdict.Word).Append(" — ")
          .Append(MarkdownTable.Escape(result.Test.TestSuite)).Append(" / ").Append(MarkdownTable.Escape(result.Test.TestName)).Append("\n\n");
        sb.Append("> ").Append(MarkdownTable.Escape(verdict.Headline)).Append("\n\n");

        var crossed = result.Thresholds.Where(t => !t.Passed).ToList();
        foreach (var t in crossed)
        {
            sb.Append("- ❌ `").Append(t.Expression).Append("` on ").Append(MarkdownTable.Escape(Verdict.Target(t)))
              .Append(": ").Append(MarkdownTable.Escape(t.Description)).Append('\n');
        }

        if (crossed.Count > 0)
        {
            sb.Append('\n');
        }

        AppendInfo(sb, result);
        AppendThresholds(sb, result);
        AppendStats(sb, result);
        AppendErrors(sb, result);
        AppendChecks(sb, result);
        foreach (var section in result.Sections)
        {
            AppendSection(sb, section);
        }

        if (charts.Count > 0)
        {
            sb.Append("## Charts\n\n");
            foreach (var (file, title) in charts)
            {
                sb.Append("![").Append(title).Append("](").Append(file).Append(")\n\n");
            }
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static void AppendInfo(StringBuilder sb, RunResult r)
    {
        sb.Append("## Test\n\n");
        var table = new MarkdownTable(("", false), ("", false));
        foreach (var (key, value) in TestInfoRows.Of(r))
        {
            table.Row("**" + key + "**", value);
        }

        table.AppendTo(sb);
    }

    private static void AppendThresholds(StringBuilder sb, RunResult r)
    {
        if (r.Thresholds.Count == 0)
        {
            return;
        }

        sb.Append("## Thresholds\n\n");
        var table = new MarkdownTable(("", false), ("Target", false), ("Threshold", false), ("Observed", true), ("Result", false));
        foreach (var t in r.Thresholds)
        {
            table.Row(t.Passed ? "✅" : "❌", Verdict.Target(t), "`" + t.Expression + "`", NumberText.Observed(t), ThresholdText.Of(t));
        }

        table.AppendTo(sb);
    }

    private static void AppendStats(StringBuilder sb, RunResult r)
    {
        sb.Append("## Scenarios\n\n");
        var rows = StatsRow.ByP95(r);
        if (rows.Count == 0)
        {
            sb.Append("No scenarios ran.\n\n");
            return;
        }

        var table = new MarkdownTable(
            ("Scenario / step", false), ("Requests", true), ("OK", true), ("Failed", true), ("Error rate", true), ("RPS", true),
            ("min ms", true), ("mean ms", true), ("p50 ms", true), ("p75 ms", true), ("p95 ms", true), ("p99 ms", true),
            ("max ms", true), ("Data", true));
        foreach (var row in rows)
        {
            var s = row.Stats;
            var l = s.Latency;
            table.Row(
                row.Step is null ? "**" + row.Scenario + "**" : "↳ " + row.Step,
                NumberText.Count(s.RequestCount), NumberText.Count(s.OkCount), NumberText.Count(s.FailCount), NumberText.Percent(s.ErrorRate), NumberText.Rate(s.Rps),
                NumberText.Ms(s, l.MinMs), NumberText.Ms(s, l.MeanMs), NumberText.Ms(s, l.P50Ms), NumberText.Ms(s, l.P75Ms), NumberText.Ms(s, l.P95Ms), NumberText.Ms(s, l.P99Ms), NumberText.Ms(s, l.MaxMs),
                NumberText.Bytes(s.BytesTotal));
        }

        table.AppendTo(sb);
        if (StatsRow.ScenarioRowNote(r) is { } note)
        {
            sb.Append(note).Append("\n\n");
        }
    }

    private static void AppendErrors(StringBuilder sb, RunResult r)
    {
        var rows = StatsRow.InOrder(r);
        var codes = new MarkdownTable(("Scenario / step", false), ("Status codes", false));
        foreach (var row in rows.Where(x => StatsRow.HasStatusCodes(x.Stats)))
        {
            codes.Row(row.Key, string.Join(", ", row.Stats.StatusCodes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + ": " + NumberText.Count(c.Value))));
        }

        if (codes.Count > 0)
        {
            sb.Append("## Status codes\n\n");
            codes.AppendTo(sb);
        }

        var errors = new MarkdownTable(("Scenario / step", false), ("Error", false), ("Count", true), ("First message", false));
        foreach (var row in rows)
        {
            foreach (var e in row.Stats.Errors)
            {
                errors.Row(row.Key, e.Kind, NumberText.Count(e.Count), e.FirstMessage ?? string.Empty);
            }
        }

        if (errors.Count > 0)
        {
            sb.Append("## Errors\n\n");
            errors.AppendTo(sb);
        }
    }

    private static void AppendChecks(StringBuilder sb, RunResult r)
    {
        var table = new MarkdownTable(("", false), ("Scenario / step", false), ("Check", false), ("Passes", true), ("Fails", true), ("Pass rate", true));
        foreach (var s in r.Scenarios)
        {
            foreach (var c in s.Checks)
            {
                table.Row(c.Fails == 0 ? "✅" : "❌", c.Step is null ? s.Name : s.Name + "." + c.Step, c.Name, NumberText.Count(c.Passes), NumberText.Count(c.Fails), NumberText.Percent(c.PassRate));
            }
        }

        if (table.Count > 0)
        {
            sb.Append("## Checks\n\n");
            table.AppendTo(sb);
        }
    }

    private static void AppendSection(StringBuilder sb, ReportSection section)
    {
        sb.Append("## ").Append(MarkdownTable.Escape(section.Title)).Append("\n\n");
        foreach (var note in section.Notes)
        {
            sb.Append("> ").Append(MarkdownTable.Escape(note)).Append("\n\n");
        }

        foreach (var t in section.Tables)
        {
            sb.Append("### ").Append(MarkdownTable.Escape(t.Title)).Append("\n\n");
            var table = new MarkdownTable([.. t.Columns.Select((c, i) => (c, LooksNumeric(t, i)))]);
            foreach (var row in t.Rows)
            {
                table.Row([.. row]);
            }

            table.AppendTo(sb);
        }
    }

    /// <summary>A column whose cells all start with a digit (or a sign) is right-aligned.</summary>
    internal static bool LooksNumeric(ReportTable table, int column) =>
        table.Rows.Count > 0 && table.Rows.All(r => column < r.Count && r[column].Length > 0
            && (char.IsAsciiDigit(r[column][0]) || (r[column].Length > 1 && r[column][0] is '-' or '+' && char.IsAsciiDigit(r[column][1]))));
}
