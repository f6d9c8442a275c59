using System.Text;
using LoadHarness.Reporting.Charts;
using LoadHarness.Reporting.Formatting;
using LoadHarness.Reporting.Html;

namespace LoadHarness.Reporting.Capacity;

/// <summary>capacity.html: one self-contained page in the style of index.html (inline CSS, SVG charts and script).</summary>
internal static class CapacityHtml
{
    public const string FileName = "capacity.html";

    private const string ExtraCss = """
tr.chosen td { background: var(--ok-bg); }
tr.failing td { background: var(--fail-bg); }
p.answer { font: 600 15px/1.5 "DejaVu Sans Mono", monospace; margin: 10px 0 0; }
""";

    public static string Render(CapacityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = CapacityCharts.Build(result);
        var found = result.Answer.SustainableStep is not null;
        var sb = new StringBuilder(256 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<title>")
          .Append(HtmlTable.Esc(CapacityText.Headline(result))).Append(" · capacity · ").Append(HtmlTable.Esc(result.Test.TestName))
          .Append(" · LoadHarness</title>\n<style>\n").Append(HtmlAssets.Css).Append(ExtraCss).Append("</style>\n</head>\n<body>\n");

        sb.Append("<header id=\"verdict\" class=\"verdict ").Append(found ? "passed" : "failed").Append("\" data-found=\"").Append(found ? "true" : "false")
          .Append("\" data-outcome=\"").Append(result.Answer.Outcome.ToString()).Append("\">\n<h1><span class=\"word\">")
          .Append(HtmlTable.Esc(CapacityText.Headline(result))).Append("</span> ").Append(HtmlTable.Esc(result.Test.TestSuite)).Append(" / ")
          .Append(HtmlTable.Esc(result.Test.TestName)).Append(" · ").Append(HtmlTable.Esc(result.Scenario)).Append("</h1>\n")
          .Append("<p class=\"answer\" id=\"answer\">").Append(HtmlTable.Esc(CapacityText.AnswerLine(result))).Append("</p>\n<ul>\n<li>")
          .Append(HtmlTable.Esc(result.Answer.Reason)).Append("</li>\n");
        if (CapacityText.Planning(result) is { } planning)
        {
            sb.Append("<li id=\"planning\">").Append(HtmlTable.Esc(planning)).Append("</li>\n");
        }

        sb.Append("</ul>\n</header>\n<nav><a href=\"#steps\">Steps</a><a href=\"#charts\">Charts</a><a href=\"#search\">Search</a></nav>\n");

        var knee = charts.FirstOrDefault(c => c.Id == CapacityCharts.KneeId);
        if (knee is not null)
        {
            sb.Append("<section id=\"knee\">\n<h2>Knee</h2>\n");
            Figure(sb, knee);
            sb.Append("</section>\n");
        }

        AppendSteps(sb, result);
        sb.Append("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n");
        foreach (var chart in charts.Where(c => c != knee))
        {
            Figure(sb, chart);
        }

        sb.Append("</div>\n</section>\n<section id=\"search\">\n<h2>Search</h2>\n<div class=\"scroll\"><table class=\"info\"><tbody>\n");
        foreach (var (key, value) in CapacityRows.Settings(result))
        {
            sb.Append("<tr><th>").Append(HtmlTable.Esc(key)).Append("</th><td>").Append(HtmlTable.Esc(value)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n</section>\n<footer>LoadHarness ").Append(HtmlTable.Esc(result.Environment.HarnessVersion))
          .Append(" · session ").Append(HtmlTable.Esc(result.Test.SessionId))
          .Append(" · every step's result.json is kept beside this page</footer>\n<script>\n").Append(HtmlAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendSteps(StringBuilder sb, CapacityResult result)
    {
        sb.Append("<section id=\"steps\">\n<h2>Steps</h2>\n");
        var table = new HtmlTable("stats steps", sortable: true, [.. CapacityRows.StepColumns, ("result", false)]);
        foreach (var step in result.Steps)
        {
            var cells = CapacityRows.Step(result, step)
                .Select(c => c.Raw is { } raw ? Cell.Number(c.Text, raw) : Cell.Text(c.Text))
                .Append(step.ResultPath is { } path ? new Cell($"<a href=\"{HtmlTable.Esc(path)}\">result.json</a>") : Cell.Text(NumberText.Missing))
                .ToArray();
            var css = step.Number == result.Answer.SustainableStep ? "chosen"
                : step.Number == result.Answer.FirstFailingStep ? "failing"
                : null;
            table.Row(css, cells);
        }

        table.AppendTo(sb);
        sb.Append("<p class=\"note\">Figures of each step's measured part (its warm-up is not recorded). Render a step's full report with <code>loadharness report ")
          .Append(HtmlTable.Esc(CapacityStepFolderExample(result))).Append("</code>.</p>\n</section>\n");
    }

    private static string CapacityStepFolderExample(CapacityResult result) =>
        result.Steps.FirstOrDefault()?.ResultPath ?? "steps/01-…/result.json";

    private static void Figure(StringBuilder sb, ReportChart chart) =>
        sb.Append("<figure class=\"chart\" id=\"").Append(chart.Id).Append("\">\n").Append(chart.ToInlineSvg()).Append('\n')
          .Append("<figcaption><strong>").Append(HtmlTable.Esc(chart.Title)).Append(".</strong> ")
          .Append(HtmlTable.Esc(chart.Caption)).Append("</figcaption>\n</figure>\n");
}
