using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Charts;

/// <summary>Requests by status code over the whole run (steps when a scenario has them, so nothing counts twice).</summary>
internal static class StatusCodeChart
{
    public static ReportChart? Build(RunResult result)
    {
        var codes = Totals(result);
        if (codes.All(c => c.Key == StatsBlock.NoStatusCode))
        {
            return null;
        }

        var spec = new ChartSpec("Status codes", "status code", "requests") { Legend = false };
        var bars = codes.Select((c, i) => new ChartBar(i - 0.4, i + 0.4, c.Value, ColorOf(c.Key), NumberText.Count(c.Value))).ToList();
        spec.Bars.Add(new ChartBars(string.Empty, bars));
        spec.X.Ticks = [.. codes.Select((c, i) => new AxisTick(i, c.Key))];
        spec.X.Min = -0.6;
        spec.X.Max = codes.Count - 0.4;
        spec.Y.Min = 0;
        return new ReportChart(ChartIds.StatusCodes, "Status codes", "Requests by status code, all scenarios.", spec);
    }

    public static List<KeyValuePair<string, long>> Totals(RunResult result) =>
        [.. result.Scenarios
            .SelectMany(StatsRow.Leaves)
            .SelectMany(s => s.StatusCodes)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(c => c.Value)))
            .Where(c => c.Value > 0)
            .OrderBy(c => c.Key, StringComparer.Ordinal)];

    private static string ColorOf(string code) => code.Length > 0 ? code[0] switch
    {
        '2' => ChartStyle.Ok,
        '3' => ChartStyle.Series(0),
        '4' => ChartStyle.Warning,
        '5' => ChartStyle.Fail,
        _ => ChartStyle.Planned,
    }
    : ChartStyle.Planned;
}
