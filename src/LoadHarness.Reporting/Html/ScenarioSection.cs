using System.Text;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Html;

/// <summary>Per scenario and step: counts, RPS, latency percentiles, bytes; then status codes and error kinds.</summary>
internal static class ScenarioSection
{
    public static void Append(StringBuilder sb, RunResult r)
    {
        sb.Append("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
        var rows = StatsRow.ByP95(r);
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"note\">No scenarios ran.</p>\n</section>\n");
            return;
        }

        sb.Append("<p class=\"note\">Slowest p95 first; click a header to sort. Latencies in ms over every request (ok and failed).")
            .Append(StatsRow.ScenarioRowNote(r) is { } note ? " " + HtmlTable.Esc(note) : "").Append("</p>\n");
        var table = new HtmlTable(
            "stats", sortable: true,
            ("Scenario / step", false), ("Requests", true), ("OK", true), ("Failed", true), ("Error rate", true), ("RPS", true),
            ("min ms", true), ("mean ms", true), ("p50 ms", true), ("p75 ms", true), ("p95 ms", true), ("p99 ms", true),
            ("max ms", true), ("Data", true));
        foreach (var row in rows)
        {
            var s = row.Stats;
            var l = s.Latency;
            table.Row(
                row.Step is null ? "scenario" : "step",
                row.Step is null ? Cell.Text(row.Scenario) : new Cell(HtmlTable.Esc(row.Step), row.Key),
                Cell.Number(NumberText.Count(s.RequestCount), s.RequestCount), Cell.Number(NumberText.Count(s.OkCount), s.OkCount),
                Cell.Number(NumberText.Count(s.FailCount), s.FailCount), Cell.Number(NumberText.Percent(s.ErrorRate), s.ErrorRate),
                Cell.Number(NumberText.Rate(s.Rps), s.Rps),
                Ms(s, l.MinMs), Ms(s, l.MeanMs), Ms(s, l.P50Ms), Ms(s, l.P75Ms), Ms(s, l.P95Ms), Ms(s, l.P99Ms), Ms(s, l.MaxMs),
                Cell.Number(NumberText.Bytes(s.BytesTotal), s.BytesTotal));
        }

        table.AppendTo(sb);
        AppendStatusCodes(sb, r);
        AppendErrors(sb, r);
        sb.Append("</section>\n");
    }

    private static void AppendStatusCodes(StringBuilder sb, RunResult r)
    {
        var codes = StatsRow.InOrder(r).Where(x => StatsRow.HasStatusCodes(x.Stats)).ToList();
        if (codes.Count == 0)
        {
            return;
        }

        var all = codes.SelectMany(x => x.Stats.StatusCodes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var table = new HtmlTable("codes", sortable: false, [("Scenario / step", false), .. all.Select(c => (c, true))]);
        foreach (var row in codes)
        {
            table.Row(
                row.Step is null ? "scenario" : "step",
                [row.Step ?? row.Scenario, .. all.Select(c => row.Stats.StatusCodes.TryGetValue(c, out var n) ? Cell.Number(NumberText.Count(n), n) : Cell.Text(""))]);
        }

        sb.Append("<h3 id=\"status-codes\">Status codes</h3>\n");
        table.AppendTo(sb);
    }

    private static void AppendErrors(StringBuilder sb, RunResult r)
    {
        var table = new HtmlTable("errors", sortable: false, ("Scenario / step", false), ("Error", false), ("Count", true), ("First message", false));
        foreach (var row in StatsRow.InOrder(r))
        {
            foreach (var e in row.Stats.Errors)
            {
                table.Row(null, row.Key, e.Kind, Cell.Number(NumberText.Count(e.Count), e.Count), new Cell("<span class=\"msg\">" + HtmlTable.Esc(e.FirstMessage ?? string.Empty) + "</span>"));
            }
        }

        if (table.Count > 0)
        {
            sb.Append("<h3 id=\"errors\">Errors</h3>\n");
            table.AppendTo(sb);
        }
    }

    private static Cell Ms(StatsBlock s, double value) => Cell.Number(NumberText.Ms(s, value), value);
}
