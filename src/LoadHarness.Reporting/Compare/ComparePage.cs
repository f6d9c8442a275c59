using System.Text;
using LoadHarness.Reporting.Charts;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Html;

namespace LoadHarness.Reporting.Compare;

/// <summary>
/// compare.html: one self-contained page in the report's style — the verdict banner, the runs of each side, the
/// evidence per metric, thresholds, overlaid charts (inline SVG), database health side by side, notes and
/// how the verdicts were decided. No network, light and dark.
/// </summary>
public static class ComparePage
{
    public const string FileName = "compare.html";

    /// <summary>The verdict banner's warning colours and the verdict column's, shared with trend.html.</summary>
    internal const string VerdictCss = """
header.verdict.warn { background: var(--card); border-color: var(--warn); }
header.verdict.warn .word { color: var(--warn); }
tr.verdict-regressed td.verdict { color: var(--fail); font-weight: 600; }
tr.verdict-improved td.verdict { color: var(--ok); font-weight: 600; }
tr.verdict-inconclusive td.verdict { color: var(--warn); font-weight: 600; }
tr.verdict-unchanged td.verdict { color: var(--muted); }
""";

    private const string ExtraCss = VerdictCss + """
tr.threshold-newlycrossed td.verdict, tr.threshold-stillcrossed td.verdict { color: var(--fail); font-weight: 600; }
tr.threshold-nowheld td.verdict, tr.threshold-stillheld td.verdict { color: var(--ok); }
tr.threshold-flaky td.verdict { color: var(--warn); }
td.changed { font-weight: 600; }
td.reason { color: var(--muted); font-size: 12px; min-width: 260px; max-width: 420px; }
p.method { color: var(--muted); font-size: 13px; max-width: 960px; }
""";

    public static string Render(BuildComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var charts = CompareCharts.Build(comparison);
        var test = comparison.Candidates[^1].Result.Test;
        var word = ComparisonText.Headline(comparison);
        var sb = new StringBuilder(256 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<title>").Append(word).Append(" · compare · ")
          .Append(HtmlTable.Esc(test.TestSuite)).Append(" / ").Append(HtmlTable.Esc(test.TestName))
          .Append(" · LoadHarness</title>\n<style>\n").Append(HtmlAssets.Css).Append(ExtraCss).Append("</style>\n</head>\n<body>\n");
        Banner(sb, comparison, word);
        sb.Append("<nav><a href=\"#runs\">Runs</a><a href=\"#evidence\">Evidence</a><a href=\"#thresholds\">Thresholds</a>")
          .Append("<a href=\"#charts\">Charts</a><a href=\"#sections\">Database</a><a href=\"#method\">Method</a></nav>\n");
        Runs(sb, comparison);
        CompareSections.Evidence(sb, comparison);
        CompareSections.Thresholds(sb, comparison);
        ChartSection.Append(sb, charts);
        CompareSections.ResultSections(sb, comparison);
        Method(sb, comparison);
        sb.Append("<footer>LoadHarness ").Append(HtmlTable.Esc(comparison.Candidates[^1].Result.Environment.HarnessVersion))
          .Append(" · re-render with <code>loadharness compare … --out DIR</code></footer>\n")
          .Append("<script>\n").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Banner(StringBuilder sb, BuildComparison c, string word)
    {
        var css = c.Outcome switch { ComparisonOutcome.Regression => "failed", ComparisonOutcome.NotComparable => "warn", _ => "passed" };
        var outcome = c.Outcome switch { ComparisonOutcome.Regression => "regression", ComparisonOutcome.NotComparable => "not-comparable", _ => "no-regression" };
        var test = c.Candidates[^1].Result.Test;
        sb.Append("<header id=\"verdict\" class=\"verdict ").Append(css).Append("\" data-outcome=\"").Append(outcome).Append("\">\n<h1><span class=\"word\">")
          .Append(word).Append("</span> ").Append(HtmlTable.Esc(test.TestSuite)).Append(" / ").Append(HtmlTable.Esc(test.TestName)).Append("</h1>\n<p>")
          .Append(HtmlTable.Esc(ComparisonText.Summary(c))).Append(" · baseline: ").Append(HtmlTable.Esc(Side(c.Baselines)))
          .Append(" · candidate: ").Append(HtmlTable.Esc(Side(c.Candidates))).Append("</p>\n");
        var items = c.NotComparable.Select(p => HtmlTable.Esc(p))
            .Concat(c.Metrics.Where(m => m.Verdict == ChangeVerdict.Regressed).Select(m =>
                $"<a href=\"#{CompareSections.RowId(m)}\">{HtmlTable.Esc(m.Scope)} {HtmlTable.Esc(m.Metric.Name)}</a>: "
                + $"{HtmlTable.Esc(ComparisonText.Value(m.Metric, m.Baseline))} → {HtmlTable.Esc(ComparisonText.Value(m.Metric, m.Candidate))} ({HtmlTable.Esc(ComparisonText.Change(m))})"))
            .Concat(c.Thresholds.Where(t => t.Change == ThresholdChange.NewlyCrossed).Select(t =>
                $"<code>{HtmlTable.Esc(t.Expression)}</code> on {HtmlTable.Esc(t.Target)}: held before ({HtmlTable.Esc(t.BaselineObserved)}), crossed now ({HtmlTable.Esc(t.CandidateObserved)})"))
            .ToList();
        if (items.Count > 0)
        {
            sb.Append("<ul>\n");
            foreach (var item in items)
            {
                sb.Append("<li>").Append(item).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</header>\n");
    }

    private static string Side(IReadOnlyList<ComparedRun> runs) =>
        runs.Count == 1 ? runs[0].Name : $"{ComparisonText.Runs(runs.Count)} ({runs[0].Name} … {runs[^1].Name})";

    private static void Runs(StringBuilder sb, BuildComparison c)
    {
        sb.Append("<section id=\"runs\">\n<h2>Runs</h2>\n<p class=\"note\">Baseline: ").Append(ComparisonText.Runs(c.Baselines.Count))
          .Append("; candidate: ").Append(ComparisonText.Runs(c.Candidates.Count)).Append(".</p>\n");
        var table = new HtmlTable("runs", sortable: false, ("Side", false), ("Build", false), ("Commit", false), ("Started", false), ("Duration", true),
            ("Requests", true), ("Gate", false), ("File", false));
        foreach (var (run, side) in c.Baselines.Select(r => (r, "baseline")).Concat(c.Candidates.Select(r => (r, "candidate"))))
        {
            var r = run.Result;
            table.Row(side, side, RunNames.Build(r) ?? "-", RunNames.ShortCommit(r) ?? "-", NumberText.Time(r.StartedUtc), Cell.Number(NumberText.Duration(r.DurationMs), r.DurationMs),
                Cell.Number(NumberText.Count(r.Scenarios.Sum(s => s.Stats.RequestCount)), r.Scenarios.Sum(s => s.Stats.RequestCount)),
                Verdict.Of(r).Word.ToLowerInvariant(), new Cell("<code>" + HtmlTable.Esc(run.Source) + "</code>"));
        }

        table.AppendTo(sb);
        foreach (var note in c.Notes)
        {
            sb.Append("<p class=\"note\">Note: ").Append(HtmlTable.Esc(note)).Append("</p>\n");
        }

        sb.Append("</section>\n");
    }

    private static void Method(StringBuilder sb, BuildComparison c) =>
        sb.Append("<section id=\"method\">\n<h2>How the verdicts were decided</h2>\n<p class=\"method\">").Append(HtmlTable.Esc(ComparisonText.HowDecided(c)))
          .Append("</p>\n<p class=\"method\">The change column is the whole run's value (from the HdrHistograms); the per-second column is the ")
          .Append("median over the paired seconds of candidate ÷ baseline (the error rate: the difference of failed shares), with its interval. ")
          .Append("With --fail-on-regression the exit code is 99 on a regression, 2 when the runs are not comparable, else 0.</p>\n</section>\n");
}
