using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LoadHarness.Reporting.Charts;

/// <summary>Requests by status code over the whole run (steps when a scenario has them, so nothing counts twice).</summary>
internal static class StatusCodeChart
{
    public static ReportChart? Build(RunResult result)
    {
        var codes = Totals(result);
        if (codes.Count == 0)
        {
            return null;
        }

        var plot = ChartStyle.NewPlot("Status codes", "status code", "requests");
        var bars = codes.Select((c, i) => new Bar
        {
            Position = i,
            Value = c.Value,
            FillColor = ColorOf(c.Key),
            LineWidth = 0,
            Label = NumberText.Count(c.Value),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontName = ChartStyle.FontName;
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [.. codes.Select((_, i) => (double)i)], [.. codes.Select(c => c.Key)]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        return new ReportChart(ChartIds.StatusCodes, "Status codes", "Requests by status code, all scenarios.", plot);
    }

    public static List<KeyValuePair<string, long>> Totals(RunResult result) =>
        [.. result.Scenarios
            .SelectMany(StatsRow.Leaves)
            .SelectMany(s => s.StatusCodes)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(c => c.Value)))
            .Where(c => c.Value > 0)
            .OrderBy(c => c.Key, StringComparer.Ordinal)];

    private static Color ColorOf(string code) => code.Length > 0 ? code[0] switch
    {
        '2' => ChartStyle.Ok,
        '3' => ChartStyle.Series(0),
        '4' => ChartStyle.Warning,
        '5' => ChartStyle.Fail,
        _ => ChartStyle.Planned,
    }
    : ChartStyle.Planned;
}
