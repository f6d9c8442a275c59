using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Html;

/// <summary>What ran where: suite, name, config, commit, machine, runtime, times, segments, targets, labels.</summary>
internal static class TestInfoSection
{
    public static void Append(StringBuilder sb, RunResult r)
    {
        sb.Append("<section id=\"test-info\">\n<h2>Test</h2>\n<div class=\"scroll\"><table class=\"info\"><tbody>\n");
        foreach (var (key, value) in TestInfoRows.Of(r))
        {
            sb.Append("<tr><th>").Append(HtmlTable.Esc(key)).Append("</th><td>").Append(HtmlTable.Esc(value)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table></div>\n</section>\n");
    }
}
