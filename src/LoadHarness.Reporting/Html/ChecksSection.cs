using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Html;

/// <summary>k6-style checks: passes, fails and pass rate, counted apart from request failures.</summary>
internal static class ChecksSection
{
    public static void Append(StringBuilder sb, RunResult r)
    {
        var table = new HtmlTable("checks", sortable: true, ("Scenario / step", false), ("Check", false), ("Passes", true), ("Fails", true), ("Pass rate", true));
        foreach (var s in r.Scenarios)
        {
            foreach (var c in s.Checks)
            {
                table.Row(
                    c.Fails == 0 ? "pass" : "fail",
                    c.Step is null ? s.Name : s.Name + "." + c.Step,
                    (c.Fails == 0 ? "✓ " : "✗ ") + c.Name,
                    Cell.Number(NumberText.Count(c.Passes), c.Passes),
                    Cell.Number(NumberText.Count(c.Fails), c.Fails),
                    Cell.Number(NumberText.Percent(c.PassRate), c.PassRate));
            }
        }

        sb.Append("<section id=\"checks\">\n<h2>Checks</h2>\n");
        if (table.Count == 0)
        {
            sb.Append("<p class=\"note\">No checks were recorded.</p>\n");
        }
        else
        {
            table.AppendTo(sb);
        }

        sb.Append("</section>\n");
    }
}
