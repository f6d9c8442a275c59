using System.Globalization;
using System.Text;

namespace LoadHarness.Reporting.Compare;

/// <summary>Renders a <see cref="ResultComparison"/> as console text and as compare.md.</summary>
public static class ComparisonRenderer
{
    public static string Text(ResultComparison comparison) => Render(comparison, markdown: false);

    public static string Markdown(ResultComparison comparison) => Render(comparison, markdown: true);

    private static string Render(ResultComparison c, bool markdown)
    {
        var s = new StringBuilder();
        s.AppendLine(markdown ? "# Comparison" : "comparison").AppendLine();
        s.AppendLine(Invariant($"baseline: {c.Baseline}  \ncandidate: {c.Candidate}  \ntolerance: {c.TolerancePercent:0.##}%")).AppendLine();
        var rows = c.Deltas.Select(d => new[]
        {
            d.Scope, d.Metric, Value(d.Baseline, d.Unit), Value(d.Candidate, d.Unit),
            d.ChangePercent is { } p ? Invariant($"{p:+0.0;-0.0;0.0}%") : "-",
            d.IsRegression ? "✗ regression" : "✓",
        }).ToList();
        string[] header = ["scope", "metric", "baseline", "candidate", "change", ""];
        if (markdown)
        {
            s.AppendLine("| " + string.Join(" | ", header) + " |");
            s.AppendLine("|" + string.Concat(header.Select(_ => " --- |")));
            foreach (var row in rows)
            {
                s.AppendLine("| " + string.Join(" | ", row) + " |");
            }
        }
        else
        {
            var all = rows.Prepend(header).ToList();
            var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
            foreach (var row in all)
            {
                s.AppendLine("  " + string.Join("  ", row.Select((cell, i) => i >= 2 && i <= 4 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
            }
        }

        foreach (var missing in c.Missing)
        {
            s.AppendLine().Append(markdown ? "- ✗ " : "  ✗ ").AppendLine(missing);
        }

        s.AppendLine().AppendLine(c.HasRegression ? "result: REGRESSION" : "result: no regression");
        return s.ToString();
    }

    private static string Value(double value, string unit) =>
        (unit == "%" ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString(value < 100 ? "0.0#" : "0", CultureInfo.InvariantCulture)) + " " + unit;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
