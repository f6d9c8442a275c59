using System.Text;
using LoadHarness.Reporting.Markdown;

namespace LoadHarness.Reporting.Compare;

/// <summary>Renders a <see cref="BuildComparison"/> as console text and as compare.md (PR comments, step summaries).</summary>
public static class ComparisonRenderer
{
    public const string MarkdownFileName = "compare.md";

    private static readonly string[] Header = ["scope", "metric", "baseline", "candidate", "change", "per second [95 % interval]", "verdict"];

    public static string Text(BuildComparison c)
    {
        var s = new StringBuilder();
        s.AppendLine("comparison").AppendLine();
        Runs(s, c, markdown: false);
        if (c.NotComparable.Count > 0)
        {
            s.AppendLine().AppendLine("not comparable:");
            foreach (var problem in c.NotComparable)
            {
                s.Append("  ✗ ").AppendLine(problem);
            }
        }
        else
        {
            s.AppendLine();
            var rows = c.Metrics.Select(Row).Prepend(Header).ToList();
            var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                s.AppendLine("  " + string.Join("  ", row.Select((cell, i) => i is >= 2 and <= 5 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
            }

            foreach (var m in c.Metrics.Where(m => m.Verdict is ChangeVerdict.Regressed or ChangeVerdict.Inconclusive))
            {
                s.Append("  ").Append(m.Scope).Append(' ').Append(m.Metric.Name).Append(": ").AppendLine(m.Reason);
            }

            foreach (var t in c.Thresholds.Where(t => t.Change != ThresholdChange.StillHeld))
            {
                s.Append("  threshold ").Append(t.Target).Append(": ").Append(t.Expression).Append("  ").Append(t.BaselineObserved)
                  .Append(" → ").Append(t.CandidateObserved).Append("  ").AppendLine(ComparisonText.Word(t.Change));
            }
        }

        foreach (var note in c.Notes)
        {
            s.Append("  note: ").AppendLine(note);
        }

        s.AppendLine().Append("result: ").Append(c.Outcome switch
        {
            ComparisonOutcome.Regression => "REGRESSION",
            ComparisonOutcome.NotComparable => "NOT COMPARABLE",
            _ => "no regression",
        }).Append(" (").Append(ComparisonText.Summary(c)).AppendLine(")");
        return s.ToString();
    }

    public static string Markdown(BuildComparison c)
    {
        var s = new StringBuilder();
        var icon = c.Outcome switch { ComparisonOutcome.Regression => "❌", ComparisonOutcome.NotComparable => "⚠️", _ => "✅" };
        s.Append("## ").Append(icon).Append(" Comparison: ").AppendLine(ComparisonText.Headline(c)).AppendLine();
        s.Append("**").Append(ComparisonText.Summary(c)).AppendLine("**").AppendLine();
        Runs(s, c, markdown: true);
        if (c.NotComparable.Count > 0)
        {
            s.AppendLine().AppendLine("### Not comparable").AppendLine();
            foreach (var problem in c.NotComparable)
            {
                s.Append("- ").AppendLine(MarkdownTable.Escape(problem));
            }
        }
        else
        {
            var changed = c.Metrics.Where(m => m.Verdict != ChangeVerdict.Unchanged).ToList();
            var unchanged = c.Metrics.Where(m => m.Verdict == ChangeVerdict.Unchanged).ToList();
            s.AppendLine();
            if (changed.Count > 0)
            {
                Table(s, changed);
            }
            else
            {
                s.AppendLine("Every metric within the tolerance or the floor.");
            }

            if (unchanged.Count > 0)
            {
                s.AppendLine().Append("<details><summary>").Append(unchanged.Count).AppendLine(" unchanged</summary>").AppendLine();
                Table(s, unchanged);
                s.AppendLine().AppendLine("</details>");
            }

            Thresholds(s, c);
        }

        if (c.Notes.Count > 0)
        {
            s.AppendLine().AppendLine("### Notes").AppendLine();
            foreach (var note in c.Notes)
            {
                s.Append("- ").AppendLine(MarkdownTable.Escape(note));
            }
        }

        s.AppendLine().Append("<sub>").Append(MarkdownTable.Escape(ComparisonText.HowDecided(c))).AppendLine("</sub>");
        return s.ToString();
    }

    private static void Table(StringBuilder s, IEnumerable<MetricComparison> metrics)
    {
        s.AppendLine("| " + string.Join(" | ", Header) + " |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in metrics.Select(Row))
        {
            s.AppendLine("| " + string.Join(" | ", row.Select(MarkdownTable.Escape)) + " |");
        }
    }

    private static void Thresholds(StringBuilder s, BuildComparison c)
    {
        if (c.Thresholds.Count == 0)
        {
            return;
        }

        s.AppendLine().AppendLine("### Thresholds").AppendLine();
        s.AppendLine("| target | threshold | baseline | candidate | |");
        s.AppendLine("| --- | --- | ---: | ---: | --- |");
        foreach (var t in c.Thresholds)
        {
            s.AppendLine($"| {MarkdownTable.Escape(t.Target)} | `{t.Expression}` | {MarkdownTable.Escape(t.BaselineObserved)} | {MarkdownTable.Escape(t.CandidateObserved)} | {ComparisonText.Word(t.Change)} |");
        }
    }

    private static void Runs(StringBuilder s, BuildComparison c, bool markdown)
    {
        void Side(string role, IReadOnlyList<ComparedRun> runs)
        {
            s.Append(markdown ? "- **" : "").Append(role).Append(markdown ? "**" : "").Append(": ").Append(ComparisonText.Runs(runs.Count)).Append(markdown ? "  \n" : "\n");
            foreach (var run in runs)
            {
                s.Append(markdown ? "  - " : "    ").Append(markdown ? MarkdownTable.Escape(run.Name) : run.Name).Append(" — ")
                  .Append(markdown ? "`" + run.Source + "`" : run.Source).Append('\n');
            }
        }

        Side("baseline", c.Baselines);
        Side("candidate", c.Candidates);
        if (c.Outcome != ComparisonOutcome.NotComparable)
        {
            s.Append(markdown ? "- " : "").Append(System.FormattableString.Invariant(
                $"tolerance ±{c.Options.TolerancePercent:0.##} %, {c.Options.Confidence * 100:0.#} % intervals of the per-second change (bootstrap)")).Append('\n');
        }
    }

    private static string[] Row(MetricComparison m) =>
    [
        m.Scope, m.Metric.Name, ComparisonText.Value(m.Metric, m.Baseline), ComparisonText.Value(m.Metric, m.Candidate),
        ComparisonText.Change(m), ComparisonText.Interval(m), ComparisonText.Word(m.Verdict),
    ];
}
